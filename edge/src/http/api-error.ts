/** The one error type routes and middleware throw; `onError` renders it as the API's error JSON. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The error body of every failed API call. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable reason, e.g. `invalid_json`, `unknown_site_key`. */
    code: string;
    message: string;
    /** The offending field (dotted path, query parameter or header name); '' when none applies. */
    path: string;
  };
}

/** An HTTP error with a stable code and the path of what is wrong. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly path: string;

  constructor(status: ContentfulStatusCode, code: string, message: string, path = '') {
    super(status, { message });
    this.code = code;
    this.path = path;
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, path: this.path } };
  }
}
