import { describe, expect, test } from 'vitest'
import { redactSecrets, secretsFromCredentials } from '../../src/models/redaction.js'

describe('redactSecrets', () => {
  test('replaces known secrets, their URL-encoded form, Bearer/Basic tokens, URL credentials and key query values', () => {
    const secrets = secretsFromCredentials({ authorization: 'Bearer abc/def+ghi', 'x-custom': 'custom-secret' }, 'sk-1234567')
    const text = [
      'key sk-1234567 and custom-secret',
      'encoded abc%2Fdef%2Bghi',
      'header Bearer zzzzzzzzzz',
      'url https://me:pw@host/x?api_key=k1&b=2',
    ].join(' | ')
    expect(redactSecrets(text, secrets)).toBe(
      'key [redacted] and [redacted] | encoded [redacted] | header Bearer [redacted] | url https://[redacted]@host/x?api_key=[redacted]&b=2',
    )
  })

  test('walks objects and arrays; secret-named keys are redacted by name, not lookalikes', () => {
    const value = { headers: { Authorization: 'x', 'X-Api-Key': 'y' }, max_tokens: 5, items: ['a sk-1234567 b'], n: 3 }
    expect(redactSecrets(value, ['sk-1234567'])).toEqual({
      headers: { Authorization: '[redacted]', 'X-Api-Key': '[redacted]' },
      max_tokens: 5,
      items: ['a [redacted] b'],
      n: 3,
    })
  })

  test('very short header values are not treated as secrets (they would mangle text)', () => {
    expect(secretsFromCredentials({ 'x-env': 'ci' })).toEqual([])
  })
})
