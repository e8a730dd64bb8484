import FlyingFox
import Foundation

/// Serves a built site for preview: files with their content types, a 404 page, nothing
/// outside the site folder, and into every HTML page a small script that reloads it
/// after a rebuild and shows a build error on top of the last good page. Pages are read
/// whole for the script; other files are sent a chunk at a time.
public struct SitePreviewHandler: HTTPHandler {
    public let site: SitePath
    public let state: PreviewState
    static let statusPath = "/__allot/status"

    public init(root: String, state: PreviewState) {
        self.site = SitePath(root: root)
        self.state = state
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(
                statusCode: .methodNotAllowed, headers: [.contentType: "text/plain; charset=utf-8"],
                body: Data("Only GET and HEAD are served.\n".utf8))
        }
        let raw = request.target.path(percentEncoded: true)
        if raw == Self.statusPath {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: await state.statusJSON)
        }
        guard let file = site.file(forRawPath: raw), let handle = FileHandle(forReadingAtPath: file) else {
            return notFound(raw)
        }
        let type = SitePath.contentType(file)
        let headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
        if type.hasPrefix("text/html") {
            let page = try handle.readToEnd() ?? Data()
            return HTTPResponse(statusCode: .ok, headers: headers, body: Self.injectReload(into: page))
        }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        let body = HTTPBodySequence(from: OpenFileBytes(handle: handle), count: Int(size), suggestedBufferSize: 65_536)
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
    }

    private func notFound(_ raw: String) -> HTTPResponse {
        let page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>
            <link rel="stylesheet" href="/assets/style.css"></head><body><main><h1>Not found</h1>
            <p>There is no page at this address in the site. <a href="/index.html">Go to the front page</a>.</p>
            </main></body></html>
            """
        return HTTPResponse(
            statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
            body: Self.injectReload(into: Data(page.utf8)))
    }

    /// Adds the reload script before `</body>`; only the preview server does this.
    static func injectReload(into html: Data) -> Data {
        let script = Data(reloadScript.utf8)
        guard let range = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + script }
        var out = html
        out.replaceSubrange(range.lowerBound..<range.lowerBound, with: script)
        return out
    }

    static let reloadScript = """
        <script>
        (function () {
          var seen = null, box = null;
          function show(error) {
            if (!error) { if (box) { box.remove(); box = null; } return; }
            if (!box) {
              box = document.createElement("pre");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;padding:12px 16px;background:#b3261e;color:#fff;font:13px/1.4 monospace;white-space:pre-wrap;z-index:9999";
              document.body.appendChild(box);
            }
            box.textContent = "The last build failed; this is the last good site.\\n\\n" + error;
          }
          function poll() {
            fetch("\(statusPath)", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
              if (seen !== null && s.version !== seen && !s.error) { location.reload(); return; }
              seen = s.version; show(s.error);
            }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
          }
          poll();
        })();
        </script>

        """
}
