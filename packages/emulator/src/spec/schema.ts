import { models } from './load-models.js';
import { type Bounds, type ShapeRef, type SmithyShape, T, type Traits } from './smithy-json.js';

/**
 * A shape resolved once from the raw JSON model: kinds instead of type strings, traits of members
 * merged with their targets', prelude shapes included. Bind and validate compile from these.
 */
export type Kind =
  | 'structure'
  | 'union'
  | 'list'
  | 'map'
  | 'string'
  | 'enum'
  | 'blob'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'intEnum'
  | 'timestamp'
  | 'document';

export interface Schema {
  readonly id: string;
  readonly kind: Kind;
  readonly sensitive: boolean;
  /** An event stream: bound as raw bytes, never validated. */
  readonly streaming: boolean;
  readonly sparse: boolean;
  /** Allowed values of `enum` / `intEnum` shapes and of strings with the old `smithy.api#enum` trait. */
  readonly enumValues?: readonly (string | number)[];
  /** structure and union members, in model order. */
  readonly members: Member[];
  /** list member, map key and value. */
  member?: Member;
  key?: Member;
  value?: Member;
}

export type HttpLocation = 'label' | 'header' | 'query' | 'payload';

export interface Member {
  readonly name: string;
  readonly schema: Schema;
  readonly required: boolean;
  /** The member or its target is `@sensitive`. */
  readonly sensitive: boolean;
  readonly length?: Bounds;
  readonly range?: Bounds;
  readonly pattern?: string;
  readonly timestampFormat?: string;
  readonly http?: { readonly location: HttpLocation; readonly name: string };
}

const PRELUDE: Readonly<Record<string, Kind>> = {
  String: 'string',
  Blob: 'blob',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  PrimitiveByte: 'byte',
  Short: 'short',
  PrimitiveShort: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  PrimitiveFloat: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
  // Unit is an empty structure: union members targeting it are sent as `{}`.
  Unit: 'structure',
};

const KINDS = new Set<string>([
  'structure',
  'union',
  'list',
  'map',
  'string',
  'enum',
  'blob',
  'boolean',
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'double',
  'bigInteger',
  'bigDecimal',
  'intEnum',
  'timestamp',
  'document',
]);

const cache = new Map<string, Schema>();

function rawShape(id: string): SmithyShape {
  if (id.startsWith('smithy.api#')) {
    const kind = PRELUDE[id.slice('smithy.api#'.length)];
    if (kind) return { type: kind };
  }
  const shape = models().shapes.get(id);
  if (!shape || !KINDS.has(shape.type))
    throw new Error(`Shape ${id} is not a data shape of the Bedrock models`);
  return shape;
}

function enumValues(shape: SmithyShape): (string | number)[] | undefined {
  if (shape.type === 'enum' || shape.type === 'intEnum') {
    return Object.entries(shape.members ?? {}).map(([name, ref]) => {
      const value = ref.traits?.[T.enumValue];
      return typeof value === 'string' || typeof value === 'number' ? value : name;
    });
  }
  const legacy = shape.traits?.[T.enum] as readonly { value: string }[] | undefined;
  return legacy?.map((entry) => entry.value);
}

function httpBinding(name: string, traits: Traits): Member['http'] {
  if (T.httpLabel in traits) return { location: 'label', name };
  if (T.httpPayload in traits) return { location: 'payload', name };
  const header = traits[T.httpHeader];
  if (typeof header === 'string') return { location: 'header', name: header.toLowerCase() };
  const query = traits[T.httpQuery];
  if (typeof query === 'string') return { location: 'query', name: query };
  return undefined;
}

function member(name: string, ref: ShapeRef): Member {
  const schema = schemaOf(ref.target);
  const own = ref.traits ?? {};
  // Member traits refine their target's (https://smithy.io/2.0/spec/model.html#trait-propagation).
  const traits: Traits = { ...rawShape(ref.target).traits, ...own };
  const length = traits[T.length] as Bounds | undefined;
  const range = traits[T.range] as Bounds | undefined;
  const pattern = traits[T.pattern] as string | undefined;
  const timestampFormat = traits[T.timestampFormat] as string | undefined;
  const http = httpBinding(name, own);
  return {
    name,
    schema,
    required: T.required in own,
    sensitive: schema.sensitive || T.sensitive in own,
    ...(length ? { length } : {}),
    ...(range ? { range } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
    ...(timestampFormat ? { timestampFormat } : {}),
    ...(http ? { http } : {}),
  };
}

/** The resolved schema of a shape id, built once; recursive shapes share the one object. */
export function schemaOf(id: string): Schema {
  const known = cache.get(id);
  if (known) return known;
  const shape = rawShape(id);
  const traits = shape.traits ?? {};
  const values = enumValues(shape);
  const schema: Schema = {
    id,
    kind: shape.type as Kind,
    sensitive: T.sensitive in traits,
    streaming: T.streaming in traits,
    sparse: T.sparse in traits,
    ...(values ? { enumValues: values } : {}),
    members: [],
  };
  // Cached before members resolve so that a shape reaching itself finds this object.
  cache.set(id, schema);
  if (schema.kind === 'structure' || schema.kind === 'union') {
    for (const [name, ref] of Object.entries(shape.members ?? {})) schema.members.push(member(name, ref));
  }
  if (shape.member) schema.member = member('member', shape.member);
  if (shape.key) schema.key = member('key', shape.key);
  if (shape.value) schema.value = member('value', shape.value);
  return schema;
}
