/** errorOf(): the status and error body of a @sanity/client call that fails. */

/**
 * The status and body of the error `promise` rejects with.
 * @throws Error when it resolves instead.
 */
export async function errorOf(promise: Promise<unknown>): Promise<{statusCode: number; body: unknown}> {
  try {
    await promise
  } catch (error) {
    const {statusCode, response} = error as {statusCode: number; response: {body: unknown}}
    return {statusCode, body: response.body}
  }
  throw new Error('expected the request to fail')
}
