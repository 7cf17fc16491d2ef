/**
 * Served models for `evaluate({ model })`: MLflow, KServe (Open Inference Protocol v2) and
 * OpenAI-compatible chat completions, sharing batching, concurrency, retries, the prediction
 * cache and progress reporting.
 */
export { mlflowModel, type MlflowModelOptions } from './mlflow.js'
export { kserveModel, type KserveModelOptions, type TensorDatatype } from './kserve.js'
export { openAIChatModel, type OpenAIChatModelOptions, type ChatMessage } from './openai-chat.js'
export type { ServedModelOptions, OnErrorPolicy } from './options.js'
export type { AnswerDecoding } from './answer-decoding.js'
export type { ServedModelStats } from './served-model.js'
export { createProgress, type Progress, type ProgressOptions } from './progress.js'
export { redactSecrets } from './redaction.js'
export { DEFAULT_CACHE_DIR } from './cache/cache-settings.js'
