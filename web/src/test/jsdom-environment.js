// jsdom, plus the Fetch API and streams from Node (jsdom has neither): the api client's
// requests go through a fetch the test supplies, as real Request/Response objects.
import { TestEnvironment } from 'jest-environment-jsdom';

export default class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const { fetch, Request, Response, Headers, TextEncoder, TextDecoder, ReadableStream, DecompressionStream } = globalThis;
    Object.assign(this.global, { fetch, Request, Response, Headers, TextEncoder, TextDecoder, ReadableStream, DecompressionStream });
  }
}
