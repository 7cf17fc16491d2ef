/**
 * Typed arrays (`Float32Array`, `Int32Array`, `BigInt64Array`, ...), as ONNX Runtime's and
 * TensorFlow.js's `data()` return model outputs: read wherever a list of numbers is accepted.
 */

/** The typed arrays, whose elements are numbers or (64-bit kinds) BigInts. */
export type TypedArray = ArrayLike<number | bigint> & ArrayBufferView

/**
 * Whether `value` is a typed array (a `DataView` is not: it has no elements).
 *
 * @example
 * isTypedArray(new Float32Array([0.2, 0.8])) // true
 * isTypedArray([0.2, 0.8]) // false
 */
export function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
}
