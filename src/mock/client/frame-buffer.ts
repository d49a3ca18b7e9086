// Collects a client's bytes until whole hub frames are there, in time and memory linear in the bytes received.
import { readLengthPrefix } from "./protocols/messagepack.js";

/** Text frames end with 0x1E (JSON protocol, handshake); binary frames start with a varint length (MessagePack). */
export type Framing = "separator" | "length-prefix";

export type FrameInput =
  /** Bytes that end on a frame boundary (one or more whole frames; the tail, if any, is kept). */
  | { kind: "frames"; data: Buffer }
  /** No frame finished yet: the bytes are kept. */
  | { kind: "waiting" }
  /** The unfinished frame is (or is announced to be) larger than the limit. */
  | { kind: "tooLarge" };

const RECORD_SEPARATOR = 0x1e;
const MAX_PREFIX_BYTES = 5;
const WAITING: FrameInput = { kind: "waiting" };
const TOO_LARGE: FrameInput = { kind: "tooLarge" };

/**
 * A client can send one unfinished frame a byte at a time. Re-joining and re-scanning everything per chunk made that
 * quadratic (8,000 one-byte messages after 900 KB froze the mock for 40 s). Here each chunk is scanned once (for the
 * separator) or not at all (a length prefix says how many bytes to wait for), and joined once when a frame ends.
 */
export class FrameBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  /** length-prefix: prefix plus payload of the first unfinished frame, once its prefix has arrived. */
  private needed: number | undefined;

  /** Bytes waiting for the rest of their frame. */
  get pending(): number {
    return this.size;
  }

  push(chunk: Buffer, framing: Framing, maxFrameBytes: number): FrameInput {
    if (chunk.length === 0) return WAITING;
    return framing === "separator" ? this.pushText(chunk, maxFrameBytes) : this.pushBinary(chunk, maxFrameBytes);
  }

  /** Puts back the unfinished tail a parser left over (it precedes anything pushed later). */
  keep(rest: Buffer | undefined, framing: Framing, maxFrameBytes: number): FrameInput {
    const later = this.take();
    let result: FrameInput = WAITING;
    for (const chunk of rest ? [Buffer.from(rest), ...later] : later) {
      result = this.push(chunk, framing, maxFrameBytes);
      if (result.kind !== "waiting") return result;
    }
    return result;
  }

  /** Empties the buffer and hands back what it held (when the framing changes after the handshake). */
  take(): Buffer[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.size = 0;
    this.needed = undefined;
    return chunks;
  }

  private pushText(chunk: Buffer, max: number): FrameInput {
    const end = chunk.lastIndexOf(RECORD_SEPARATOR);
    if (end < 0) return this.append(chunk, max);
    const head = end + 1 === chunk.length ? chunk : chunk.subarray(0, end + 1);
    const data = this.chunks.length === 0 ? head : Buffer.concat([...this.chunks, head], this.size + head.length);
    this.take();
    // The tail is checked when more of it arrives: it is no larger than one transport message yet, and after a
    // handshake it may be binary frames that the next framing judges.
    if (end + 1 < chunk.length) this.append(Buffer.from(chunk.subarray(end + 1)), max);
    return { kind: "frames", data };
  }

  private pushBinary(chunk: Buffer, max: number): FrameInput {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.needed === undefined) {
      const head = this.peek(MAX_PREFIX_BYTES);
      let prefix: ReturnType<typeof readLengthPrefix>;
      try {
        prefix = readLengthPrefix(head, 0);
      } catch {
        // A malformed prefix is the parser's to report: hand the bytes over.
        return { kind: "frames", data: this.join() };
      }
      if (prefix === undefined) return WAITING;
      if (prefix.length > max) return TOO_LARGE;
      this.needed = prefix.start + prefix.length;
    }
    if (this.size < this.needed) return WAITING;
    return { kind: "frames", data: this.join() };
  }

  private append(chunk: Buffer, max: number): FrameInput {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return this.size > max ? TOO_LARGE : WAITING;
  }

  /** The first `count` bytes (fewer when fewer are held), without joining everything. */
  private peek(count: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= count || this.chunks.length === 1) return first.subarray(0, count);
    return Buffer.concat(this.chunks, Math.min(count, this.size)).subarray(0, count);
  }

  private join(): Buffer {
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.take();
    return data;
  }
}
