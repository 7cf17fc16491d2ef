import { ColumnBuilder } from './column-builder.js'
import { ColumnarDataset } from './dataset.js'
import type { Column } from './types.js'
import { inheritedName } from '../run/own-keys.js'

/**
 * Collects records (JSON objects) one at a time into columns. Column order is the order in
 * which keys first appear; a key a record lacks reads as `null` in that row.
 */
export class RecordColumns {
  private readonly builders = new Map<string, ColumnBuilder>()
  private count = 0
  /** Column names a plain object answers without holding them (`constructor`, `__proto__`). */
  private readonly inherited = new Set<string>()

  get rowCount(): number {
    return this.count
  }

  add(record: Record<string, unknown>): void {
    let matched = 0
    for (const [name, builder] of this.builders) {
      // A record lacking a key named like an Object.prototype property (constructor) lacks it.
      const value = this.inherited.has(name) && !Object.hasOwn(record, name) ? undefined : record[name]
      if (value !== undefined || Object.hasOwn(record, name)) matched++
      builder.addValue(value === undefined ? null : value)
    }
    if (matched < Object.keys(record).length) {
      for (const key of Object.keys(record)) {
        if (this.builders.has(key)) continue
        const builder = new ColumnBuilder()
        for (let i = 0; i < this.count; i++) builder.addValue(null)
        builder.addValue(record[key])
        this.builders.set(key, builder)
        if (inheritedName(key)) this.inherited.add(key)
      }
    }
    this.count++
  }

  finish(source: string): ColumnarDataset {
    const columns = new Map<string, Column>()
    for (const [name, builder] of this.builders) columns.set(name, builder.finish())
    return new ColumnarDataset(columns, this.count, { source })
  }
}
