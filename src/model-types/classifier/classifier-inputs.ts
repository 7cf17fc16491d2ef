/**
 * Encodes a classifier's targets, predictions and probabilities once: canonical string labels
 * in a fixed order, label indices (`Int32Array`) per row and the probabilities as one column per
 * class (`src/model-types/classifier/probability-columns.ts`). Everything downstream (metrics, slices, intervals) works on these arrays. Stored
 * columns are read straight from `Dataset.column()`; each distinct cell value is canonicalised
 * once, not once per row. Without a predictions column or model predictions, the predicted
 * labels are derived from the stored probabilities (argmax) or scores (>= threshold).
 *
 * Labels compare the same way whatever the format: when the targets are numeric (a number
 * column, or CSV text whose every target reads as a decimal number), every label that reads as a
 * decimal number (targets, predictions, `labels`, `posLabel`, probability keys) is compared as
 * its number, so CSV `1.0`, JSON `1` and a model's `y.toFixed(1)` are one class "1". Otherwise
 * labels compare exactly as written (see `src/run/labels.ts`). A target or prediction spelled
 * `NaN` is an error naming the row, as an empty cell is.
 */
import type { CodedStrings, Column, Dataset } from '../../data/index.js'
import { numericColumn } from '../../data/index.js'
import { ColumnarDataset } from '../../data/dataset.js'
import { ConfigError, DatasetError, PredictionError, listNames } from '../../errors.js'
import type { Prediction, ProbabilisticPrediction } from '../../models/types.js'
import { MISSING_MARKERS, canonicalLabel, compareCodePoints, isNaNLabel, numericLabel, sortLabels } from '../../run/labels.js'
import type { RunWarning } from '../../run/observers.js'
import { CLASSIFIER_DEFAULTS } from './classifier-options.js'
import { keyedRecord } from '../../run/own-keys.js'
import { closestNames } from '../../run/closest-names.js'

export interface ClassifierInputs {
  labels: string[]
  /** Binary (exactly two labels): index of the positive label. */
  posIndex: number | undefined
  targetIndex: Int32Array
  predictedIndex: Int32Array
  /**
   * One column per label, in label order (`probabilities[c][i]`: class c at row i). A stored
   * column is the dataset's own array: read, never written.
   */
  probabilities: readonly Float64Array[] | undefined
  /** 1 for rows whose probabilities sum to 1 (NumPy `allclose`); undefined when all do. */
  rowSumsOk: Uint8Array | undefined
  notes: string[]
  /** Also in `notes`; evaluate() sends them to the warning observers (src/run/observers.ts). */
  warnings: RunWarning[]
}

export interface ClassifierSource {
  dataset: Dataset
  targets: string
  /**
   * Stored predictions column, or the model's predictions (one per dataset row). With neither,
   * the predictions are derived: the most probable label of `probabilities`, or, from `scores`,
   * the positive label where score >= `threshold`.
   */
  predictionsColumn?: string
  modelPredictions?: readonly Prediction[]
  scores?: string
  probabilities?: readonly string[]
  /** Predictions derived from `scores`: a score at or above it predicts the positive label; default 0.5. */
  threshold?: number
  labels?: ReadonlyArray<string | number | boolean>
  posLabel?: string | number | boolean
  /** A predicted label no target holds (without `labels`): a warning (default) or an error. */
  unseenPredictedLabels?: 'warn' | 'error'
  /** 1-based row number in the user's data, for messages. */
  rowNumber: (row: number) => number
}

interface CodedValues {
  /** Index into `distinct` per row. */
  codes: Int32Array
  /** Canonical labels, in first-seen order. */
  distinct: string[]
  /** First row holding each distinct label. */
  firstRow: number[]
  /** `codes` is the dataset column's own array (a coded column): never written to. */
  shared?: true
}

type Role = 'targets' | 'predictions'

function badLabel(role: Role, where: string, row: number | string, value: unknown, what: string): Error {
  const fix =
    role === 'targets'
      ? 'fix or drop that row'
      : 'the model must return a label (string, number or boolean) or { label?, probabilities } for every row'
  const message = `${role} ${where}: row ${row} ${what} (${describe(value)}); ${fix}`
  return role === 'targets' ? new DatasetError('INVALID_LABEL', message) : new PredictionError('INVALID_LABEL', message)
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'number') return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Canonical label of a raw cell, or throws naming where it is. */
function labelOf(value: unknown, role: Role, where: string, row: number | string): string {
  if (typeof value === 'string') {
    if (value === '') throw badLabel(role, where, row, value, 'is empty')
    if (isNaNLabel(value)) throw badLabel(role, where, row, value, 'is NaN, a missing value, not a label')
    return value
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badLabel(role, where, row, value, 'is not a finite number')
    return canonicalLabel(value)
  }
  if (typeof value === 'boolean') return canonicalLabel(value)
  if (value === null || value === undefined) throw badLabel(role, where, row, value, 'is missing')
  if (role !== 'targets' && (Array.isArray(value) || ArrayBuffer.isView(value))) {
    // A row's probabilities returned bare (an ONNX or tfjs output row): say how to hand them over.
    throw badLabel(role, where, row, Array.from(value as ArrayLike<unknown>), 'is a list, not a label (probabilities go in { probabilities: [...] }, read in the order of labels)')
  }
  throw badLabel(role, where, row, value, 'is not a label')
}

/**
 * Codes a stored column: one Map lookup per row, one canonicalisation per distinct value; a
 * dictionary-coded column (CSV) keeps its codes, and only its distinct strings are checked.
 */
function codeColumn(column: Column, role: Role, where: string, rowNumber: (row: number) => number | string): CodedValues {
  if (column.kind === 'string' && column.coded !== undefined) return codeDictionary(column.coded, role, where, rowNumber)
  const values: ArrayLike<unknown> = column.values
  const n = values.length
  const codes = new Int32Array(n)
  const distinct: string[] = []
  const firstRow: number[] = []
  const byCanonical = new Map<string, number>()
  const byRaw = new Map<unknown, number>()
  for (let i = 0; i < n; i++) {
    const raw = values[i]
    let code = byRaw.get(raw)
    if (code === undefined) {
      const label = labelOf(raw, role, where, rowNumber(i))
      code = byCanonical.get(label)
      if (code === undefined) {
        code = distinct.length
        distinct.push(label)
        firstRow.push(i)
        byCanonical.set(label, code)
      }
      byRaw.set(raw, code)
    }
    codes[i] = code
  }
  return { codes, distinct, firstRow }
}

/**
 * The labels of a dictionary-coded string column: its distinct strings are already distinct
 * labels in first-seen order (a string label is itself), so each is only checked (empty, NaN),
 * in that order, so an error names the same first row as a row-by-row pass.
 */
function codeDictionary(coded: CodedStrings, role: Role, where: string, rowNumber: (row: number) => number | string): CodedValues {
  const { codes, dictionary } = coded
  const firstRow = firstRows(codes, dictionary.length)
  dictionary.forEach((label, code) => labelOf(label, role, where, rowNumber(firstRow[code])))
  return { codes, distinct: [...dictionary], firstRow, shared: true }
}

/**
 * How pandas (its default `na_values`) and R (`write.csv`'s `NA`) write a missing value in a CSV,
 * besides an empty cell and `NaN`, which are refused for every format. Read as a label, `NA`
 * became a class of its own: a binary run turned into three classes, its binary metrics gone
 * without a word (adversarial pass 36).
 */

/**
 * Refuses a CSV cell written as a missing value (`NA`, `N/A`, `NULL`, `None`, ...) as a label,
 * unless `labels` names it (a class really called "NA").
 */
function refuseMissingMarkers(coded: CodedValues, role: Role, where: string, rowNumber: (row: number) => number | string, labels: ClassifierSource['labels']): void {
  const named = new Set((labels ?? []).map((label) => canonicalLabel(label)))
  coded.distinct.forEach((label, code) => {
    if (!MISSING_MARKERS.has(label.trim()) || named.has(label)) return
    const row = coded.firstRow[code] >= 0 ? coded.firstRow[code] : coded.codes.indexOf(code)
    const message = `${role} ${where}: row ${rowNumber(row)} is ${JSON.stringify(label)}, a missing value as pandas and R write it, not a label; fix or drop that row (rows whose ${role === 'targets' ? 'target' : 'prediction'} is missing cannot be scored), or, if ${JSON.stringify(label)} is a class, name it in \`labels\``
    throw role === 'targets' ? new DatasetError('MISSING_LABEL', message) : new PredictionError('MISSING_LABEL', message)
  })
}

/** The first row holding each of the `count` codes (-1 for a code no row holds); stops once all are found. */
function firstRows(codes: Int32Array, count: number): number[] {
  const first = new Array<number>(count).fill(-1)
  let found = 0
  for (let i = 0; i < codes.length && found < count; i++) {
    if (first[codes[i]] === -1) {
      first[codes[i]] = i
      found++
    }
  }
  return first
}

function isProbabilistic(value: unknown): value is ProbabilisticPrediction {
  return typeof value === 'object' && value !== null && typeof (value as { probabilities?: unknown }).probabilities === 'object'
}

/** Encodes targets, predictions and probabilities; validates them against the labels. */
export function encodeClassifierInputs(source: ClassifierSource): ClassifierInputs {
  const { dataset, rowNumber } = source
  const n = dataset.rowCount
  const notes: string[] = []
  const targetColumn = dataset.column(source.targets)
  // A stored column's bad cell is named by its row and, for a CSV, its file line, as the
  // regressor's numeric targets are (adversarial pass 36: "row 3 is empty", no line).
  const storedRow = (i: number): number | string => {
    const line = dataset instanceof ColumnarDataset ? dataset.fileLine(i) : undefined
    return line === undefined ? rowNumber(i) : `${rowNumber(i)} (file line ${line})`
  }
  const rawTargets = codeColumn(targetColumn, 'targets', `column "${source.targets}"`, storedRow)
  if (targetColumn.kind === 'string' && targetColumn.untyped === true) refuseMissingMarkers(rawTargets, 'targets', `column "${source.targets}"`, storedRow, source.labels)
  // Numeric targets: labels that read as numbers compare as numbers (src/run/labels.ts).
  const numeric =
    targetColumn.kind === 'number' ||
    (targetColumn.kind === 'string' && targetColumn.untyped === true && rawTargets.distinct.every((l) => numericLabel(l) !== undefined))
  const canon = numeric ? (label: string): string => numericLabel(label) ?? label : (label: string): string => label
  const targets = numeric ? recode(rawTargets, canon) : rawTargets

  // Predictions: labels, and probability records when the model returns them.
  let predicted: CodedValues
  let records: Array<Record<string, number>> | undefined
  let explicitLabel: Uint8Array | undefined
  const derived = source.predictionsColumn === undefined && source.modelPredictions === undefined
  if (source.predictionsColumn !== undefined) {
    const predictionsColumn = dataset.column(source.predictionsColumn)
    predicted = codeColumn(predictionsColumn, 'predictions', `column "${source.predictionsColumn}"`, storedRow)
    if (predictionsColumn.kind === 'string' && predictionsColumn.untyped === true) refuseMissingMarkers(predicted, 'predictions', `column "${source.predictionsColumn}"`, storedRow, source.labels)
    if (numeric) predicted = recode(predicted, canon)
  } else if (derived) {
    if (source.probabilities === undefined && source.scores === undefined) {
      throw new ConfigError('MODEL_OR_PREDICTIONS', 'no predictions to evaluate: give a model, a predictions column, or stored probabilities / scores to derive them from')
    }
    // Every row "takes the most probable" until the probabilities are read below.
    predicted = { codes: new Int32Array(n), distinct: [ARGMAX], firstRow: [0] }
  } else {
    const model = source.modelPredictions ?? []
    const withProbabilities = model.length > 0 && isProbabilistic(model[0])
    const labelValues: unknown[] = new Array(n)
    if (withProbabilities) {
      records = new Array(n)
      explicitLabel = new Uint8Array(n)
    }
    for (let i = 0; i < n; i++) {
      const p = model[i]
      if (isProbabilistic(p) !== withProbabilities) {
        throw new PredictionError(
          'MIXED_PREDICTIONS',
          `model predictions: row ${rowNumber(i)} is ${withProbabilities ? 'a plain label' : '{ label, probabilities }'} but row ${rowNumber(0)} is ${withProbabilities ? '{ label, probabilities }' : 'a plain label'}; return probabilities for every row or for none`,
        )
      }
      if (records !== undefined && explicitLabel !== undefined && isProbabilistic(p)) {
        records[i] = probabilityRecord(p.probabilities, source.labels, rowNumber(i), targets.distinct)
        if (p.label !== undefined && p.label !== null) {
          labelValues[i] = p.label
          explicitLabel[i] = 1
        } else {
          labelValues[i] = ARGMAX
        }
      } else {
        labelValues[i] = p
      }
    }
    predicted = codeModelLabels(labelValues, rowNumber)
    if (numeric) predicted = recode(predicted, canon)
    if (records !== undefined && numeric) records = records.map((record, i) => canonicalKeys(record, canon, rowNumber(i)))
  }

  const labels = labelOrder(source.labels, targets, predicted, records, canon, numeric)
  const k = labels.length
  const labelIndex = new Map<string, number>()
  labels.forEach((l, i) => labelIndex.set(l, i))

  const remap = (coded: CodedValues, role: Role, where: string): Int32Array => {
    const table = new Int32Array(coded.distinct.length)
    coded.distinct.forEach((label, code) => {
      const index = label === ARGMAX ? -1 : labelIndex.get(label)
      if (index === undefined) {
        const message = `${role} ${where}: row ${rowNumber(coded.firstRow[code])} has label "${label}", which is not in \`labels\` (${listNames(labels)}); add it to \`labels\` or fix the data`
        throw role === 'targets' ? new DatasetError('UNKNOWN_LABEL', message) : new PredictionError('UNKNOWN_LABEL', message)
      }
      table[code] = index
    })
    // In place when the codes are this function's own arrays (not read after this).
    return coded.shared === true ? mapCodes(coded.codes, table, new Int32Array(coded.codes.length)) : mapCodes(coded.codes, table, coded.codes)
  }
  const targetIndex = remap(targets, 'targets', `column "${source.targets}"`)
  const predictedIndex = remap(
    predicted,
    'predictions',
    source.predictionsColumn !== undefined ? `column "${source.predictionsColumn}"` : 'of the model',
  )

  const posIndex = positiveIndex(source.posLabel, labels, labelIndex, canon, notes, source.labels !== undefined, numeric)

  // Probabilities (the model's records, stored columns, or binary scores).
  const { probabilities, scoreValues } = readProbabilities(source, records, labels, labelIndex, posIndex, derived)
  if (records !== undefined && probabilities !== undefined && explicitLabel !== undefined) {
    for (let i = 0; i < n; i++) if (explicitLabel[i] === 0) predictedIndex[i] = argmaxRow(probabilities, i, k)
  }
  if (derived) derivePredictions(source, labels, posIndex, probabilities, scoreValues, predictedIndex, notes)

  const rowSumsOk = probabilities !== undefined && source.scores === undefined ? rowSumCheck(probabilities, n, k, rowNumber, notes) : undefined

  const warnings = source.labels === undefined ? predictedOutsideTargets(labels, targetIndex, predictedIndex, source, rowNumber) : []
  if (warnings.length > 0 && source.unseenPredictedLabels === 'error') {
    throw new PredictionError('PREDICTED_LABEL_NOT_IN_TARGETS', `${warnings[0].message} (unseenPredictedLabels: 'error'; 'warn' lets it through with a warning)`)
  }
  for (const warning of warnings) notes.push(warning.message)
  return { labels, posIndex, targetIndex, predictedIndex, probabilities, rowSumsOk, notes, warnings }
}

/**
 * One warning per predicted label that no target holds (`labels` not given): it silently became a
 * class of its own, every row predicting it is wrong, and it is often a misspelt label.
 */
function predictedOutsideTargets(
  labels: readonly string[],
  targetIndex: Int32Array,
  predictedIndex: Int32Array,
  source: ClassifierSource,
  rowNumber: (row: number) => number,
): RunWarning[] {
  const inTargets = new Uint8Array(labels.length)
  for (let i = 0; i < targetIndex.length; i++) inTargets[targetIndex[i]] = 1
  const count = new Int32Array(labels.length)
  const first = new Int32Array(labels.length).fill(-1)
  for (let i = 0; i < predictedIndex.length; i++) {
    const c = predictedIndex[i]
    if (inTargets[c] === 1) continue
    if (count[c]++ === 0) first[c] = i
  }
  const where = source.predictionsColumn !== undefined ? `predictions column "${source.predictionsColumn}"` : 'the model\'s predictions'
  const targetLabels = labels.filter((_, c) => inTargets[c] === 1)
  const warnings: RunWarning[] = []
  labels.forEach((label, c) => {
    if (count[c] === 0) return
    warnings.push({
      code: 'PREDICTED_LABEL_NOT_IN_TARGETS',
      message: `${where}: label ${quotedLabel(label)} (${count[c]} row${count[c] === 1 ? '' : 's'}, first row ${rowNumber(first[c])}) never occurs in targets column "${source.targets}" (${listNames(targetLabels.map(quotedLabel))})${invisibleDifference(label, targetLabels)}, so it became a class of its own and every such row counts as wrong; fix the predictions if it is a misspelt label, or pass \`labels: [...]\` naming every class to accept it`,
    })
  })
  return warnings
}

/** A label as a message shows it: quoted, with quotes, backslashes and control characters escaped (as JSON writes it). */
function quotedLabel(label: string): string {
  return JSON.stringify(label)
}

/**
 * What sets `label` apart from a target label that looks the same: Unicode normalization (the
 * model writes "café" decomposed, NFD, the data composed, NFC) or surrounding spaces, with the
 * fix; '' when no target label equals it after normalizing and trimming.
 */
function invisibleDifference(label: string, targetLabels: readonly string[]): string {
  const plain = (text: string): string => text.normalize('NFC').trim()
  const twin = targetLabels.find((target) => plain(target) === plain(label))
  if (twin === undefined) {
    // pandas writes booleans True / False, JavaScript and JSON true / false (adversarial pass 36).
    const cased = targetLabels.find((target) => plain(target).toLowerCase() === plain(label).toLowerCase())
    if (cased !== undefined) return `; it differs from ${quotedLabel(cased)} only in letter case (pandas writes booleans True and False, JSON and JavaScript true and false): return the label as the targets write it`
    // A threshold model's `score >= 0.5` against 0/1 targets: a boolean is never the label 1
    // (NumPy compares True with 1 as equal; evalgate compares labels as written), and the note
    // did not say why (adversarial pass 68, F10).
    const bit = label === 'true' ? '1' : label === 'false' ? '0' : undefined
    if (bit !== undefined && targetLabels.includes(bit)) return `; a boolean ${label} is the label "${label}", not ${bit} (labels compare as written, where NumPy would take true for 1): return the targets' label, e.g. Number(prediction)`
    return ''
  }
  const spaces = label.trim() !== label || twin.trim() !== twin
  const forms = label.trim() !== twin.trim()
  const differences = [spaces ? 'surrounding spaces' : '', forms ? `Unicode normalization (${normalForm(label)} vs ${normalForm(twin)})` : ''].filter((d) => d !== '')
  const fix = [forms ? 'normalize both to NFC' : '', spaces ? 'trim the spaces' : ''].filter((f) => f !== '').join(' and ')
  return `; it differs from ${quotedLabel(twin)} only in ${differences.join(' and ')} (${fix})`
}

/** The Unicode normalization form a string is in: NFC (composed), NFD (decomposed), or neither. */
function normalForm(text: string): string {
  if (text === text.normalize('NFC')) return 'NFC'
  return text === text.normalize('NFD') ? 'NFD' : 'neither NFC nor NFD'
}

/**
 * `coded` with each distinct label replaced by `canon(label)`; labels that become equal merge
 * into one code (first-seen order and first rows kept).
 */
function recode(coded: CodedValues, canon: (label: string) => string): CodedValues {
  const distinct: string[] = []
  const firstRow: number[] = []
  const byLabel = new Map<string, number>()
  const table = new Int32Array(coded.distinct.length)
  let changed = false
  coded.distinct.forEach((label, code) => {
    const canonical = label === ARGMAX ? label : canon(label)
    if (canonical !== label) changed = true
    let next = byLabel.get(canonical)
    if (next === undefined) {
      next = distinct.length
      distinct.push(canonical)
      firstRow.push(coded.firstRow[code])
      byLabel.set(canonical, next)
    }
    table[code] = next
  })
  if (!changed) return coded
  const codes = new Int32Array(coded.codes.length)
  for (let i = 0; i < codes.length; i++) codes[i] = table[coded.codes[i]]
  return { codes, distinct, firstRow }
}

/** A probability record keyed by canonical labels (`{"1.0": 0.8}` -> `{"1": 0.8}`). */
function canonicalKeys(record: Record<string, number>, canon: (label: string) => string, row: number): Record<string, number> {
  let changed = false
  for (const key of Object.keys(record)) if (canon(key) !== key) changed = true
  if (!changed) return record
  const out = keyedRecord<number>() // keyed by label: a label may be __proto__
  for (const [key, value] of Object.entries(record)) {
    const label = canon(key)
    if (Object.hasOwn(out, label)) {
      throw new PredictionError(
        'PROBABILITY_LABELS',
        `model predictions: row ${row} has two probabilities for label "${label}" (keys ${listNames(Object.keys(record).filter((k) => canon(k) === label))}); the targets are numbers, so these keys are the same label — return one probability per label`,
      )
    }
    out[label] = value
  }
  return out
}

/** Placeholder label for "take the most probable" (never a user label: not a string). */
const ARGMAX = '\u0000evalgate-argmax' as const

function codeModelLabels(values: unknown[], rowNumber: (row: number) => number): CodedValues {
  const n = values.length
  const codes = new Int32Array(n)
  const distinct: string[] = []
  const firstRow: number[] = []
  const byCanonical = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const raw = values[i]
    const label = raw === ARGMAX ? ARGMAX : labelOf(raw, 'predictions', 'of the model', rowNumber(i))
    let code = byCanonical.get(label)
    if (code === undefined) {
      code = distinct.length
      distinct.push(label)
      firstRow.push(i)
      byCanonical.set(label, code)
    }
    codes[i] = code
  }
  return { codes, distinct, firstRow }
}

function argmaxRow(probabilities: readonly Float64Array[], row: number, k: number): number {
  let best = 0
  let bestValue = probabilities[0][row]
  for (let c = 1; c < k; c++) {
    const v = probabilities[c][row]
    if (v > bestValue) {
      best = c
      bestValue = v
    }
  }
  return best
}

function checkProbability(value: number, where: string, row: number): void {
  if (!Number.isFinite(value)) {
    throw new PredictionError('INVALID_PROBABILITY', `${where}: row ${row} is ${value}; probabilities must be finite numbers in [0, 1] — fix the model output or drop that row`)
  }
  if (value < 0 || value > 1) {
    throw new PredictionError('PROBABILITY_OUT_OF_RANGE', `${where}: row ${row} is ${value}, outside [0, 1]; pass probabilities, not logits or percentages (apply a softmax / divide by 100)`)
  }
}

function checkedProbabilityColumn(dataset: Dataset, name: string, role: string, rowNumber: (row: number) => number): Float64Array {
  const values = numericColumn(dataset, name, role)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!(v >= 0 && v <= 1)) checkProbability(v, `${role} column "${name}"`, rowNumber(i))
  }
  return values
}

/**
 * A model's probabilities keyed by label: a record as returned, a list read in the order of the
 * declared `labels` (the model's class order, e.g. scikit-learn's `classes_`). A list without
 * `labels`, or of another length, is an error naming the row: read as a record its indices
 * would be taken for labels "0", "1", ... (right only by accident, for labels 0..k-1).
 */
function probabilityRecord(
  probabilities: ProbabilisticPrediction['probabilities'],
  labels: ClassifierSource['labels'],
  row: number,
  targetLabels: readonly string[],
): Record<string, number> {
  if (!Array.isArray(probabilities)) return probabilities as Record<string, number>
  const list = probabilities as readonly unknown[]
  if (labels === undefined) {
    throw new PredictionError(
      'PROBABILITY_LIST_WITHOUT_LABELS',
      `model predictions: row ${row} returns its probabilities as a list (${list.length} numbers), which does not say which class each is for; pass \`labels: [...]\` in the order of the list (the model's class order, e.g. scikit-learn's classes_), or return them keyed by label ({ probabilities: { "${targetLabels[0] ?? 'label'}": 0.7, ... } }); labels in the targets: ${listNames(sortLabels(new Set(targetLabels)))}`,
    )
  }
  if (list.length !== labels.length) {
    throw new PredictionError(
      'PROBABILITY_LABELS',
      `model predictions: row ${row} returns ${list.length} probabilities as a list, but \`labels\` names ${labels.length} (${listNames(labels.map(String))}); a list is read in \`labels\` order, one probability per label`,
    )
  }
  const record = keyedRecord<number>() // keyed by label: a label may be __proto__
  labels.forEach((label, j) => {
    record[canonicalLabel(label)] = list[j] as number
  })
  return record
}

function probabilitiesFromRecords(
  records: ReadonlyArray<Record<string, number>>,
  labels: readonly string[],
  labelIndex: ReadonlyMap<string, number>,
  rowNumber: (row: number) => number,
): Float64Array[] {
  const k = labels.length
  const n = records.length
  const out = labels.map(() => new Float64Array(n))
  const seen = new Uint8Array(k)
  for (let i = 0; i < n; i++) {
    const record = records[i]
    seen.fill(0)
    let covered = 0
    for (const key of Object.keys(record)) {
      const c = labelIndex.get(key)
      if (c === undefined) {
        throw new PredictionError(
          'PROBABILITY_LABELS',
          `model predictions: row ${rowNumber(i)} has a probability for "${key}", which is not a label (labels: ${listNames(labels)}); probabilities must cover exactly the labels`,
        )
      }
      const value = record[key]
      if (typeof value !== 'number') {
        throw new PredictionError('INVALID_PROBABILITY', `model predictions: row ${rowNumber(i)}, probability of "${key}" is ${describe(value)}, not a number; return numbers in [0, 1]`)
      }
      checkProbability(value, `model predictions, probability of "${key}"`, rowNumber(i))
      out[c][i] = value
      if (seen[c] === 0) covered++
      seen[c] = 1
    }
    if (covered !== k) {
      const missing = labels.filter((_, c) => seen[c] === 0)
      // A misspelt key ("nuetral") became a label of its own, so the real one looks missing (adversarial pass 35).
      const misspelt = Object.keys(record).map((key) => ({ key, like: closestNames(key, missing, 1)[0] })).find(({ like }) => like !== undefined)
      throw new PredictionError(
        'PROBABILITY_LABELS',
        `model predictions: row ${rowNumber(i)} has no probability for ${missing.map((l) => `"${l}"`).join(', ')} (labels: ${listNames(labels)})${misspelt !== undefined ? `, and one for ${JSON.stringify(misspelt.key)}: did you mean ${JSON.stringify(misspelt.like)}? (a probability key is a label, so a misspelt key becomes a class of its own)` : ''}; probabilities must cover exactly the labels`,
      )
    }
  }
  return out
}

/**
 * The label order: `labels` if given (checked), else the sorted union of targets, predictions and
 * probability keys: numerically where the targets are numbers (`numeric`) and every label reads as
 * one, else by code points, as `np.unique` orders strings (white-box review 57: typed JSON strings
 * `"10"` and `"9"` were put in numeric order, which made `"10"` the default positive label where
 * scikit-learn and MLflow make it `"9"`).
 */
function labelOrder(
  given: ClassifierSource['labels'],
  targets: CodedValues,
  predicted: CodedValues,
  records: Array<Record<string, number>> | undefined,
  canon: (label: string) => string,
  numeric: boolean,
): string[] {
  let labels: string[]
  if (given !== undefined) {
    labels = given.map((l) => {
      if (typeof l !== 'string' && typeof l !== 'number' && typeof l !== 'boolean') {
        throw new ConfigError('INVALID_LABELS', `labels: ${describe(l)} is not a label; labels are strings, numbers or booleans`)
      }
      return canon(canonicalLabel(l))
    })
    const seen = new Set<string>()
    for (const l of labels) {
      if (seen.has(l)) throw new ConfigError('DUPLICATE_LABEL', `\`labels\`: "${l}" is listed twice (labels are compared as strings, so 1 and "1" are the same); list each label once`)
      seen.add(l)
    }
    if (labels.length === 0) throw new ConfigError('INVALID_LABELS', '`labels`: the list is empty; list every class, or leave `labels` out to use the sorted labels found in the data')
  } else {
    const union = new Set<string>(targets.distinct)
    for (const l of predicted.distinct) if (l !== ARGMAX) union.add(l)
    if (records !== undefined) for (const record of records) for (const key of Object.keys(record)) union.add(key)
    labels = numeric ? sortLabels(union) : [...union].sort(compareCodePoints)
  }
  return labels
}

/**
 * Binary: the index of the positive label (`posLabel`, default the last label in sorted order, as
 * MLflow sorts its `label_list`, given or found, before taking the last); undefined otherwise (a
 * note when posLabel is ignored). `labels` given in another order (that of the probability
 * columns) took the last one given, so precision, recall, F1 and PR AUC were the other class's
 * (adversarial pass 68: precision 0.82 where MLflow gives 0.36).
 */
function positiveIndex(
  posLabel: ClassifierSource['posLabel'],
  labels: readonly string[],
  labelIndex: ReadonlyMap<string, number>,
  canon: (label: string) => string,
  notes: string[],
  labelsGiven: boolean,
  numeric: boolean,
): number | undefined {
  const k = labels.length
  let posIndex: number | undefined
  if (posLabel !== undefined) {
    const pos = canon(canonicalLabel(posLabel))
    const index = labelIndex.get(pos)
    if (index === undefined) {
      // Labels found in the data miss a class no row holds (a batch without positives, white-box
      // review 57): the fix is to list the classes, not to pick one of those found.
      // Only where one label was found is a missing class likely; with two, a typo is (`'B'` for
      // `'b'`), and listing it as a third class would make the run multiclass (adversarial pass 58).
      const fix =
        labelsGiven || labels.length >= 2
          ? 'choose one of them (labels are compared exactly as written)'
          : `if no row of this data holds "${pos}" (a batch without positives), list every class: labels: [${[...labels, pos].map((label) => JSON.stringify(label)).join(', ')}]; otherwise choose one of them`
      throw new ConfigError('UNKNOWN_POS_LABEL', `\`posLabel\` "${pos}" is not among the labels ${labelsGiven ? 'given' : 'found in the targets and predictions'} (${listNames(labels)}); ${fix}`)
    }
    if (k === 2) posIndex = index
    else notes.push(`\`posLabel\` "${pos}" ignored: it applies to binary classifiers only and there are ${k} labels`)
  } else if (k === 2) {
    const last = (numeric ? sortLabels(labels) : [...labels].sort(compareCodePoints))[1]
    posIndex = labelIndex.get(last)!
    if (posIndex !== 1) {
      notes.push(
        `positive label "${last}": the last of the labels in sorted order, as MLflow takes it when posLabel is not given, though \`labels\` lists it first (the order of \`labels\` does not choose the positive class); set posLabel to choose the other`,
      )
    }
  }

  return posIndex
}

/**
 * 1 for rows whose probabilities sum to 1 (NumPy `allclose`), or undefined when all do; a note
 * names the first row that does not. The flags are made at the first bad row (every row before
 * it is good), so a run whose rows all sum to 1 writes no array.
 */
function rowSumCheck(probabilities: readonly Float64Array[], n: number, k: number, rowNumber: (row: number) => number, notes: string[]): Uint8Array | undefined {
  let ok: Uint8Array | undefined
  let bad = 0
  let firstBad = -1
  let firstSum = 0
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let c = 0; c < k; c++) sum += probabilities[c][i]
    // NumPy allclose(1, sum): |1 - sum| <= atol + rtol * |sum|
    const good = Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum)
    if (ok === undefined) {
      if (good) continue
      ok = new Uint8Array(n)
      ok.fill(1, 0, i)
      firstBad = i
      firstSum = sum
    }
    if (good) ok[i] = 1
    else bad++
  }
  if (ok !== undefined) {
    notes.push(
      `probabilities of ${bad} row(s) do not sum to 1 (first: row ${rowNumber(firstBad)}, sum ${firstSum}); as scikit-learn does, log_loss renormalises each row, and multiclass roc_auc is left out wherever such rows are present (scikit-learn raises)`,
    )
  }
  return ok
}

/** The probabilities, one column per label, from the model's records, stored columns or binary scores (kept too). */
function readProbabilities(
  source: ClassifierSource,
  records: Array<Record<string, number>> | undefined,
  labels: readonly string[],
  labelIndex: ReadonlyMap<string, number>,
  posIndex: number | undefined,
  derived: boolean,
): { probabilities: readonly Float64Array[] | undefined; scoreValues: Float64Array | undefined } {
  const { dataset, rowNumber } = source
  const n = dataset.rowCount
  const k = labels.length
  let probabilities: readonly Float64Array[] | undefined
  let scoreValues: Float64Array | undefined
  if (records !== undefined) {
    probabilities = probabilitiesFromRecords(records, labels, labelIndex, rowNumber)
  } else if (source.probabilities !== undefined) {
    if (source.probabilities.length !== k) {
      throw new ConfigError(
        'PROBABILITY_COLUMNS',
        `\`probabilities\`: ${source.probabilities.length} columns (${listNames(source.probabilities)}) for ${k} labels (${listNames(labels)}); give one column per label, in label order${
          source.labels === undefined && derived ? ' (without a predictions column the labels are those found in the targets: pass `labels: [...]` to name every class)' : ''
        }`,
      )
    }
    // The dataset's own columns, read in place (no n x k copy).
    probabilities = source.probabilities.map((name) => checkedProbabilityColumn(dataset, name, 'probabilities', rowNumber))
  } else if (source.scores !== undefined) {
    if (k !== 2 || posIndex === undefined) {
      throw new ConfigError(
        'SCORES_NOT_BINARY',
        `\`scores\` column "${source.scores}" gives the probability of one label, which needs exactly 2 labels, but there are ${k} (${listNames(labels)}); use \`probabilities: [...]\` (one column per label) instead`,
      )
    }
    const values = checkedProbabilityColumn(dataset, source.scores, 'scores', rowNumber)
    scoreValues = values
    const complement = new Float64Array(n)
    for (let i = 0; i < n; i++) complement[i] = 1 - values[i]
    probabilities = posIndex === 1 ? [complement, values] : [values, complement]
  }
  return { probabilities, scoreValues }
}

/** Predictions derived without a predictions column: posLabel where score >= threshold, else the argmax of the probabilities. */
function derivePredictions(
  source: ClassifierSource,
  labels: readonly string[],
  posIndex: number | undefined,
  probabilities: readonly Float64Array[] | undefined,
  scoreValues: Float64Array | undefined,
  predictedIndex: Int32Array,
  notes: string[],
): void {
  const n = predictedIndex.length
  const k = labels.length
  if (scoreValues !== undefined && posIndex !== undefined) {
    const threshold = source.threshold ?? CLASSIFIER_DEFAULTS.threshold
    const other = 1 - posIndex
    for (let i = 0; i < n; i++) predictedIndex[i] = scoreValues[i] >= threshold ? posIndex : other
    notes.push(
      `predictions derived from scores "${source.scores}": "${labels[posIndex]}" where the score is >= ${threshold}, else "${labels[other]}" (no predictions column was given)`,
    )
  } else if (probabilities !== undefined) {
    for (let i = 0; i < n; i++) predictedIndex[i] = argmaxRow(probabilities, i, k)
    notes.push(
      `predictions derived from probabilities ${listNames(source.probabilities ?? [])}: the most probable label of each row, ties to the first in label order (as NumPy's argmax; no predictions column was given)`,
    )
  }
}

/** `out[i] = table[codes[i]]` (`out` may be `codes`); returns `out` (a loop of its own, for V8). */
function mapCodes(codes: Int32Array, table: Int32Array, out: Int32Array): Int32Array {
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]]
  return out
}
