// The OData filter of `:execute`, in the Web PubSub grammar: userId, connectionId, groups; comparisons, and/or/not,
// in, startswith, endswith, length. Parsed once into a predicate; a parse error names its position (1-based).

/** What a filter sees of a connection. */
export interface FilterSubject {
  connectionId: string;
  userId: string | undefined;
  groups: ReadonlySet<string>;
}

export type FilterPredicate = (subject: FilterSubject) => boolean;

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based character position in the filter text. */
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "FilterSyntaxError";
  }
}

type Value = string | number | null | undefined | ReadonlySet<string>;
type Operand = (s: FilterSubject) => Value;
type Token = { kind: "word" | "string" | "number" | "punct"; text: string; value?: string | number; at: number };

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

export function parseFilter(text: string): FilterPredicate {
  const parser = new Parser(tokenize(text), text.length);
  const predicate = parser.expression();
  parser.end();
  return predicate;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const start = i;
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError("Unterminated string literal", start + 1);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: "string", text: text.slice(start, i), value, at: start + 1 });
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw new FilterSyntaxError(`Unexpected character '${c}'`, i + 1);
      tokens.push({ kind: "number", text: match[0], value: Number(match[0]), at: i + 1 });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ kind: "word", text: match[0], at: i + 1 });
      i += match[0].length;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", text: c, at: i + 1 });
      i++;
    } else {
      throw new FilterSyntaxError(`Unexpected character '${c}'`, i + 1);
    }
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  expression(): FilterPredicate {
    let left = this.conjunction();
    while (this.acceptWord("or")) {
      const a = left;
      const b = this.conjunction();
      left = (s) => a(s) || b(s);
    }
    return left;
  }

  end(): void {
    const token = this.tokens[this.index];
    if (token) throw new FilterSyntaxError(`Unexpected '${token.text}'`, token.at);
  }

  private conjunction(): FilterPredicate {
    let left = this.negation();
    while (this.acceptWord("and")) {
      const a = left;
      const b = this.negation();
      left = (s) => a(s) && b(s);
    }
    return left;
  }

  private negation(): FilterPredicate {
    if (this.acceptWord("not")) {
      const inner = this.negation();
      return (s) => !inner(s);
    }
    return this.primary();
  }

  private primary(): FilterPredicate {
    const token = this.peek();
    if (token?.kind === "punct" && token.text === "(") {
      this.index++;
      const inner = this.expression();
      this.expectPunct(")");
      return inner;
    }
    if (token?.kind === "word" && ["startswith", "endswith"].includes(token.text.toLowerCase())) {
      const fn = token.text.toLowerCase();
      this.index++;
      this.expectPunct("(");
      const subject = this.operand();
      this.expectPunct(",");
      const affix = this.operand();
      this.expectPunct(")");
      return (s) => {
        const [a, b] = [subject(s), affix(s)];
        if (typeof a !== "string" || typeof b !== "string") return false;
        return fn === "startswith" ? a.startsWith(b) : a.endsWith(b);
      };
    }
    const left = this.operand();
    const op = this.peek();
    if (op?.kind === "word" && op.text.toLowerCase() === "in") {
      this.index++;
      return this.membership(left);
    }
    if (op?.kind !== "word" || !COMPARISONS.has(op.text.toLowerCase())) {
      throw this.unexpected("a comparison operator (eq, ne, gt, ge, lt, le) or in");
    }
    this.index++;
    const right = this.operand();
    const compare = comparison(op.text.toLowerCase());
    return (s) => compare(left(s), right(s));
  }

  /** `x in ('a', 'b')` or `'g' in groups`. */
  private membership(left: Operand): FilterPredicate {
    const token = this.peek();
    if (token?.kind === "punct" && token.text === "(") {
      this.index++;
      const items: Operand[] = [this.operand()];
      while (this.acceptPunct(",")) items.push(this.operand());
      this.expectPunct(")");
      return (s) => {
        const value = left(s);
        return items.some((item) => item(s) === value);
      };
    }
    const right = this.operand();
    return (s) => {
      const collection = right(s);
      const value = left(s);
      return collection instanceof Set && typeof value === "string" && collection.has(value);
    };
  }

  private operand(): Operand {
    const token = this.peek();
    if (!token) throw this.unexpected("a value");
    this.index++;
    if (token.kind === "string" || token.kind === "number") {
      const value = token.value!;
      return () => value;
    }
    if (token.kind === "word") {
      const word = token.text.toLowerCase();
      if (word === "userid") return (s) => s.userId ?? null;
      if (word === "connectionid") return (s) => s.connectionId;
      if (word === "groups") return (s) => s.groups;
      if (word === "null") return () => null;
      if (word === "length") {
        this.expectPunct("(");
        const inner = this.operand();
        this.expectPunct(")");
        return (s) => {
          const value = inner(s);
          return typeof value === "string" ? [...value].length : value instanceof Set ? value.size : null;
        };
      }
      throw new FilterSyntaxError(
        `Unknown identifier '${token.text}': expected userId, connectionId, groups, length(...) or a literal`,
        token.at,
      );
    }
    this.index--;
    throw this.unexpected("a value");
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token?.kind === "word" && token.text.toLowerCase() === word) {
      this.index++;
      return true;
    }
    return false;
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token?.kind === "punct" && token.text === text) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected(`'${text}'`);
  }

  private unexpected(expected: string): FilterSyntaxError {
    const token = this.peek();
    return token
      ? new FilterSyntaxError(`Expected ${expected} but found '${token.text}'`, token.at)
      : new FilterSyntaxError(`Expected ${expected} but the filter ended`, this.length + 1);
  }
}

function comparison(op: string): (a: Value, b: Value) => boolean {
  switch (op) {
    case "eq":
      return (a, b) => a === b;
    case "ne":
      return (a, b) => a !== b;
    default:
      return (a, b) => {
        if (a === null || a === undefined || b === null || b === undefined) return false;
        if (typeof a !== typeof b || a instanceof Set || b instanceof Set) return false;
        const order = a < b ? -1 : a > b ? 1 : 0;
        return op === "gt" ? order > 0 : op === "ge" ? order >= 0 : op === "lt" ? order < 0 : order <= 0;
      };
  }
}
