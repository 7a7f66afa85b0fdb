/** The parts of the Smithy 2.0 JSON AST (https://smithy.io/2.0/spec/json-ast.html) this module reads. */

export type Traits = Readonly<Record<string, unknown>>;

export interface ShapeRef {
  readonly target: string;
  readonly traits?: Traits;
}

export interface SmithyShape {
  readonly type: string;
  readonly traits?: Traits;
  /** structure, union, enum and intEnum members. */
  readonly members?: Readonly<Record<string, ShapeRef>>;
  /** list member. */
  readonly member?: ShapeRef;
  /** map key and value. */
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
  /** operation input, output and errors. */
  readonly input?: ShapeRef;
  readonly output?: ShapeRef;
  readonly errors?: readonly ShapeRef[];
}

export interface SmithyModel {
  readonly smithy: string;
  readonly shapes: Readonly<Record<string, SmithyShape>>;
}

/** Bounds of the `length` and `range` traits; either side may be absent. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export const T = {
  required: 'smithy.api#required',
  length: 'smithy.api#length',
  range: 'smithy.api#range',
  pattern: 'smithy.api#pattern',
  enum: 'smithy.api#enum',
  enumValue: 'smithy.api#enumValue',
  sensitive: 'smithy.api#sensitive',
  streaming: 'smithy.api#streaming',
  sparse: 'smithy.api#sparse',
  timestampFormat: 'smithy.api#timestampFormat',
  http: 'smithy.api#http',
  httpError: 'smithy.api#httpError',
  httpLabel: 'smithy.api#httpLabel',
  httpHeader: 'smithy.api#httpHeader',
  httpQuery: 'smithy.api#httpQuery',
  httpPayload: 'smithy.api#httpPayload',
} as const;

/** A shape name without its namespace: `com.amazonaws.bedrockruntime#Converse` → `Converse`. */
export const shapeName = (id: string): string => id.slice(id.indexOf('#') + 1);
