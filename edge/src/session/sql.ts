/**
 * A tiny tagged template over a Durable Object's SQLite: interpolated values become bound
 * parameters, never SQL text, so `sql\`SELECT * FROM t WHERE id = ${id}\`` is injection-safe.
 */

/** A SQL statement runner returning all rows; rows are typed by the caller. */
export type Sql = <Row extends Record<string, SqlStorageValue> = Record<string, SqlStorageValue>>(
  strings: TemplateStringsArray,
  ...values: SqlStorageValue[]
) => Row[];

/** Bind the `sql` tagged template to one Durable Object's SQL storage. */
export function sqlOf(storage: SqlStorage): Sql {
  return <Row extends Record<string, SqlStorageValue>>(
    strings: TemplateStringsArray,
    ...values: SqlStorageValue[]
  ) => storage.exec<Row>(strings.join('?'), ...values).toArray();
}
