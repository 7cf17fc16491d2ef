/**
 * Datasets: columnar storage, loading CSV / JSON Lines / JSON / Parquet files, fingerprints and
 * numeric views of columns.
 */
export type { Row, RowLike, Column, CodedStrings, Dataset, DatasetFormat, LoadDatasetOptions, NumberTyping } from './types.js'
export { datasetFromRecords, describeValue, isDataset } from './dataset.js'
export { loadDataset } from './load-dataset.js'
export { fingerprintDataset, fingerprintDatasetColumns } from './fingerprint.js'
export { numericColumn } from './numeric-column.js'
export { listCell, listColumn, oneOrListCell, type ListCellPlace } from './list-cells.js'
