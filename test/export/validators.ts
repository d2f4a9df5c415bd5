/**
 * Validators of the two bulk-load CSV formats, written from their documentation:
 * - neo4j-admin database import (Neo4j Operations Manual, "Import" > "CSV header format"):
 *   `name:ID(group)`, `:LABEL` (`;`-separated), `:START_ID`, `:END_ID`, `:TYPE`, property
 *   columns `name:type` with type int, long, float, double, boolean, byte, short, char, string,
 *   point, date, localtime, time, localdatetime, datetime, duration, optionally `[]` (arrays
 *   split on `;`); no line break in a field unless --multiline-fields.
 * - Amazon Neptune openCypher load format ("Load format for openCypher data"): node files with
 *   a required `:ID` and optional `:LABEL`; relationship files with `:ID` (required while
 *   userProvidedEdgeIds is true, the default), `:START_ID`, `:END_ID`, `:TYPE`; property
 *   columns `name:Type` (Bool/Boolean, Byte, Short, Int, Long, Float, Double, String,
 *   DateTime, and the auto-cast Char, Date, LocalDate, LocalDateTime, Duration, Point); names
 *   without space, comma or line break; relationship properties single-valued; RFC 4180.
 * Both: every system column at most once, node ids unique, relationship ends that exist.
 */
import { parseCsv, type CsvField } from './csv.js';

const NEO4J_TYPES = new Set(['int', 'long', 'float', 'double', 'boolean', 'byte', 'short', 'char', 'string', 'point', 'date', 'localtime', 'time', 'localdatetime', 'datetime', 'duration']);
const NEPTUNE_TYPES = new Set(['bool', 'boolean', 'byte', 'short', 'int', 'long', 'float', 'double', 'string', 'datetime', 'char', 'date', 'localdate', 'localdatetime', 'duration', 'point']);

/** A parsed header column. */
export interface Column {
  name: string;
  /** `ID`, `LABEL`, `START_ID`, `END_ID`, `TYPE`, or a property type (lower case, `[]` kept). */
  type: string;
  system: boolean;
}

function column(header: string, file: string, errors: string[]): Column {
  const m = /^([^:]*)(?::([A-Za-z_]+)(\[\])?(?:\(([^)]*)\))?)?$/.exec(header);
  if (!m) {
    errors.push(`${file}: header ${JSON.stringify(header)} is not name:type`);
    return { name: header, type: 'string', system: false };
  }
  const [, name = '', type, array, group] = m;
  const system = type !== undefined && ['ID', 'LABEL', 'START_ID', 'END_ID', 'TYPE'].includes(type);
  if (group !== undefined && !system) errors.push(`${file}: ${header}: only id columns take an (id space)`);
  return { name, type: system ? type! : `${(type ?? 'string').toLowerCase()}${array ?? ''}`, system };
}

function numberOk(type: string, value: string): boolean {
  if (['int', 'long', 'byte', 'short'].includes(type)) return /^-?\d+$/.test(value);
  if (['float', 'double'].includes(type)) return /^(-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|-?Infinity|NaN)$/.test(value);
  return true;
}

function valueOk(type: string, value: string, boolWords: 'strict' | 'neptune'): boolean {
  const base = type.replace(/\[\]$/, '');
  if (base === 'boolean' || base === 'bool') return boolWords === 'strict' ? /^(true|false)$/.test(value) : true;
  return numberOk(base, value);
}

/** The parsed files of an import, for the round-trip decoders. */
export interface ParsedTable {
  columns: Column[];
  rows: CsvField[][];
}

function table(text: string, file: string, errors: string[]): ParsedTable {
  const [header = [], ...rows] = parseCsv(text, file);
  return { columns: header.map((h) => column(h.value, file, errors)), rows };
}

function checkSystemColumns(t: ParsedTable, file: string, required: string[], allowed: string[], errors: string[]): void {
  for (const type of ['ID', 'LABEL', 'START_ID', 'END_ID', 'TYPE']) {
    const count = t.columns.filter((c) => c.system && c.type === type).length;
    if (count > 1) errors.push(`${file}: :${type} appears ${count} times`);
    if (count === 0 && required.includes(type)) errors.push(`${file}: :${type} column missing`);
    if (count > 0 && !allowed.includes(type)) errors.push(`${file}: :${type} is not allowed here`);
  }
  const names = t.columns.filter((c) => !c.system || c.name).map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) errors.push(`${file}: property ${dup} appears twice`);
}

function idColumn(t: ParsedTable, type: string): number {
  return t.columns.findIndex((c) => c.system && c.type === type);
}

function checkIds(nodes: ParsedTable, rels: ParsedTable, files: [string, string], errors: string[]): void {
  const idAt = idColumn(nodes, 'ID');
  const ids = new Set<string>();
  nodes.rows.forEach((row, n) => {
    const id = row[idAt]?.value ?? '';
    if (!id) errors.push(`${files[0]}: record ${n + 2}: empty :ID`);
    if (ids.has(id)) errors.push(`${files[0]}: record ${n + 2}: duplicate :ID ${id}`);
    ids.add(id);
  });
  const [start, end, type] = [idColumn(rels, 'START_ID'), idColumn(rels, 'END_ID'), idColumn(rels, 'TYPE')];
  rels.rows.forEach((row, n) => {
    for (const at of [start, end]) if (!ids.has(row[at]?.value ?? '')) errors.push(`${files[1]}: record ${n + 2}: no node ${row[at]?.value}`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(row[type]?.value ?? '')) errors.push(`${files[1]}: record ${n + 2}: relationship type ${row[type]?.value} needs backticks in Cypher`);
  });
}

function checkValues(t: ParsedTable, file: string, arrayDelimiter: string | undefined, bools: 'strict' | 'neptune', errors: string[]): void {
  t.rows.forEach((row, n) => {
    row.forEach((field, i) => {
      const col = t.columns[i]!;
      if (/[\r\n]/.test(field.value) && arrayDelimiter !== undefined) errors.push(`${file}: record ${n + 2}: line break in ${col.name} (needs --multiline-fields)`);
      if (col.system || field.value === '') return;
      const parts = col.type.endsWith('[]') && arrayDelimiter ? field.value.split(arrayDelimiter) : [field.value];
      for (const part of parts) if (!valueOk(col.type, part, bools)) errors.push(`${file}: record ${n + 2}: ${col.name}: ${JSON.stringify(part)} is not a ${col.type}`);
    });
    if (bools === 'strict') {
      const labels = row[idColumn(t, 'LABEL')];
      if (labels && labels.value.split(';').some((l) => !l)) errors.push(`${file}: record ${n + 2}: empty label`);
    }
  });
}

/** Errors of a neo4j-admin import (nodes and relationships files); empty when valid. */
export function validateNeo4jImport(nodesText: string, relsText: string): { errors: string[]; nodes: ParsedTable; rels: ParsedTable } {
  const errors: string[] = [];
  const nodes = table(nodesText, 'nodes.csv', errors);
  const rels = table(relsText, 'relationships.csv', errors);
  for (const [t, file] of [[nodes, 'nodes.csv'], [rels, 'relationships.csv']] as const) {
    for (const c of t.columns) if (!c.system && !NEO4J_TYPES.has(c.type.replace(/\[\]$/, ''))) errors.push(`${file}: ${c.name}: unknown type ${c.type}`);
  }
  checkSystemColumns(nodes, 'nodes.csv', ['ID'], ['ID', 'LABEL'], errors);
  checkSystemColumns(rels, 'relationships.csv', ['START_ID', 'END_ID', 'TYPE'], ['START_ID', 'END_ID', 'TYPE', 'ID'], errors);
  checkValues(nodes, 'nodes.csv', ';', 'strict', errors);
  checkValues(rels, 'relationships.csv', ';', 'strict', errors);
  checkIds(nodes, rels, ['nodes.csv', 'relationships.csv'], errors);
  return { errors, nodes, rels };
}

/** Errors of a Neptune openCypher load (nodes and relationships files); empty when valid. */
export function validateNeptuneOpenCypher(nodesText: string, relsText: string): { errors: string[]; nodes: ParsedTable; rels: ParsedTable } {
  const errors: string[] = [];
  const nodes = table(nodesText, 'nodes.csv', errors);
  const rels = table(relsText, 'relationships.csv', errors);
  for (const [t, file] of [[nodes, 'nodes.csv'], [rels, 'relationships.csv']] as const) {
    for (const c of t.columns) {
      if (c.system) continue;
      if (/[ ,\r\n]/.test(c.name)) errors.push(`${file}: property name ${JSON.stringify(c.name)} has a space, comma or line break`);
      if (!NEPTUNE_TYPES.has(c.type.replace(/\[\]$/, ''))) errors.push(`${file}: ${c.name}: unknown type ${c.type}`);
      if (file === 'relationships.csv' && c.type.endsWith('[]')) errors.push(`${file}: ${c.name}: relationship properties are single-valued`);
    }
  }
  checkSystemColumns(nodes, 'nodes.csv', ['ID'], ['ID', 'LABEL'], errors);
  checkSystemColumns(rels, 'relationships.csv', ['ID', 'START_ID', 'END_ID', 'TYPE'], ['ID', 'START_ID', 'END_ID', 'TYPE'], errors);
  checkValues(nodes, 'nodes.csv', undefined, 'neptune', errors);
  checkValues(rels, 'relationships.csv', undefined, 'neptune', errors);
  for (const t of [nodes, rels]) {
    t.rows.forEach((row, n) => {
      const col = t.columns.findIndex((c) => !c.system && (c.type === 'bool' || c.type === 'boolean'));
      if (col >= 0 && row[col]!.value !== '' && !/^(true|false)$/.test(row[col]!.value)) errors.push(`record ${n + 2}: boolean ${row[col]!.value}`);
    });
  }
  checkIds(nodes, rels, ['nodes.csv', 'relationships.csv'], errors);
  const relIds = new Set<string>();
  const relIdAt = idColumn(rels, 'ID');
  rels.rows.forEach((row, n) => {
    const id = row[relIdAt]?.value ?? '';
    if (!id || relIds.has(id)) errors.push(`relationships.csv: record ${n + 2}: missing or duplicate relationship :ID ${id}`);
    relIds.add(id);
  });
  return { errors, nodes, rels };
}
