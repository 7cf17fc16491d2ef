import { ColumnBuilder } from './column-builder.js'
import { ColumnarDataset } from './dataset.js'
import type { Column } from './types.js'

/**
 * Collects records (JSON objects) one at a time into columns. Column order is the order in
 * which keys first appear; a key a record lacks reads as `null` in that row.
 */
export class RecordColumns {
  private readonly builders = new Map<string, ColumnBuilder>()
  private count = 0

  get rowCount(): number {
    return this.count
  }

  add(record: Record<string, unknown>): void {
    let matched = 0
    for (const [name, builder] of this.builders) {
      const value = record[name]
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
