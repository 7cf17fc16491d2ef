/**
 * Several evalgate() in one project's plugins are merged, the later's options winning key by key
 * (adversarial passes 60 and 62), and two option sets configuring one project by another path are
 * told apart by the names of the options that differ, never their values (a tracking URI may hold
 * a password).
 */
import { expect, test } from 'vitest'
import { differingOptions, mergeOptions } from '../../src/vitest/plugin.js'

test('mergeOptions: the later wins key by key, at every level; an undefined value leaves the earlier', () => {
  expect(mergeOptions({ outputDir: 'root', baseline: { tolerance: 0.01, significance: 0.05 } }, { baselineDir: '__baselines__/small', baseline: { tolerance: 0.02 }, outputDir: undefined })).toEqual({
    outputDir: 'root',
    baselineDir: '__baselines__/small',
    baseline: { tolerance: 0.02, significance: 0.05 },
  })
  expect(mergeOptions({ reporter: { html: false } }, { reporter: false as never })).toEqual({ reporter: false })
})

test('differingOptions: by path, whatever the key order; values never named', () => {
  expect(differingOptions({ outputDir: 'a', baseline: { tolerance: 0.1 } }, { baseline: { tolerance: 0.1 }, outputDir: 'a' })).toEqual([])
  const secret = 'https://alice:S3cretPassw0rd@mlflow.example.com'
  const differing = differingOptions({ reporter: { mlflow: { trackingUri: secret } } }, { reporter: { mlflow: { trackingUri: 'http://other' } }, baseline: { tolerance: 0.2 } })
  expect(differing).toEqual(['baseline', 'reporter.mlflow.trackingUri'])
  expect(differing.join(' ')).not.toContain('S3cret')
})
