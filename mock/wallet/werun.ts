/**
 * WeChat open data (WeRun steps among it): AES-128-CBC with PKCS#7 padding, the key being the person's
 * session_key and the iv sent with the data, both base64 (WeChat's "开放数据校验与解密"). Decryption refuses
 * rather than guesses: a wrong key fails its padding or yields no JSON, and either is an error.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** The appid dev data are stamped with when the server runs with dev login and no WX_APPID. */
export const DEV_WECHAT_APPID = 'wxdevgreenlife0000'

export class OpenDataError extends Error {}

function key16(base64: string, what: string): Buffer {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length !== 16) throw new OpenDataError(`${what} is not 16 bytes of base64`)
  return bytes
}

export function decryptOpenData(encryptedData: string, iv: string, sessionKey: string): unknown {
  const decipher = createDecipheriv('aes-128-cbc', key16(sessionKey, 'the session key'), key16(iv, 'iv'))
  let text: string
  try {
    text = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString('utf8')
  } catch {
    throw new OpenDataError('the data do not decrypt with this session key (bad padding)')
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new OpenDataError('the data decrypt to something that is not JSON')
  }
}

/** What WeChat does on the phone; the cloud uses it only for the clearly labelled dev data source and tests. */
export function encryptOpenData(plain: unknown, sessionKey: string): { encryptedData: string; iv: string } {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', key16(sessionKey, 'the session key'), iv)
  const encryptedData = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]).toString('base64')
  return { encryptedData, iv: iv.toString('base64') }
}

export function newSessionKey(): string {
  return randomBytes(16).toString('base64')
}
