// Sends a command with its serialized JSON body rewritten, still signed by the SDK: for bodies its
// types cannot express (a member twice, ten thousand levels of nesting).
type Handler = (args: { request: unknown }) => Promise<unknown>;

interface BuildStack {
  add(middleware: (next: Handler) => Handler, options: { step: 'build'; name: string }): void;
}

export function withRawBody<C extends { middlewareStack: unknown }>(command: C, rewrite: (body: string) => string): C {
  (command.middlewareStack as BuildStack).add((next) => (args) => {
    const request = args.request as { body: unknown; headers: Record<string, string> };
    const serialized = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : request.body;
    if (typeof serialized !== 'string') throw new Error(`The SDK serialized a ${typeof serialized} body, not JSON text`);
    const body = rewrite(serialized);
    request.body = body;
    request.headers['content-length'] = String(Buffer.byteLength(body));
    return next(args);
  }, { step: 'build', name: 'rewriteBodyForTest' });
  return command;
}
