import Foundation
import JWTKit
import Testing
@testable import RubricServer

@Suite("CDS Hooks JWTs", .serialized)
struct CDSAuthTests {
    /// An EHR's signing key, and its public half as the JWKS Rubric is given.
    let key = ES384PrivateKey()
    var jwks: String {
        let p = key.publicKey.parameters!
        return #"{"keys":[{"kty":"EC","crv":"P-384","kid":"ehr-1","alg":"ES384","use":"sig","x":"\#(p.x)","y":"\#(p.y)"}]}"#
    }

    func token(aud: String, expires: TimeInterval = 300, signer: ES384PrivateKey? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: signer ?? key, kid: "ehr-1")
        let claims = CDSAuthenticator.Claims(iss: "https://ehr.example", aud: .init(value: [aud]), exp: .init(value: Date().addingTimeInterval(expires)),
                                             iat: .init(value: Date()), jti: .init(value: UUID().uuidString), sub: "client-1")
        return try await keys.sign(claims, kid: "ehr-1")
    }

    @Test("With a JWKS, a CDS call needs the EHR's valid JWT for that service; discovery stays open; the API keeps its token")
    func jwtGate() async throws {
        let jwks = self.jwks
        let live = try await LiveServer { c in
            c.cdsJWKS = jwks
            c.token = "0123456789abcdef0123"
        }
        let body = try Data(contentsOf: LiveServer.packageRoot.appendingPathComponent("examples/cds-hooks/patient-view-recommendation.json"))
        let path = "/cds-services/rubric-massage"
        func call(_ auth: String?) async throws -> Int {
            var headers = ["Content-Type": "application/json"]
            if let auth { headers["Authorization"] = "Bearer \(auth)" }
            return try await live.send("POST", path, body: body, headers: headers).status
        }
        #expect(try await live.send("GET", "/cds-services").status == 200)
        #expect(try await call(nil) == 401)
        #expect(try await call(try await token(aud: "https://rubric.clinic.example\(path)")) == 200)
        #expect(try await call(try await token(aud: "https://rubric.clinic.example/cds-services/rubric-massage-order")) == 401)
        #expect(try await call(try await token(aud: "https://rubric.clinic.example\(path)", expires: -60)) == 401)
        #expect(try await call(try await token(aud: "https://rubric.clinic.example\(path)", signer: ES384PrivateKey())) == 401)
        #expect(try await call("0123456789abcdef0123") == 401)   // the API's token is not a CDS JWT
        #expect(try await live.send("GET", "/v1/rules").status == 401)
        await live.stop()
    }

    @Test("With a public URL, a CDS JWT must name it and the service exactly, and the cards link there")
    func publicURL() async throws {
        let jwks = self.jwks
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-public-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let live = try await LiveServer { c in
            c.cdsJWKS = jwks
            c.publicURL = ServerConfiguration.publicURL("https://rubric.clinic.example/")
            c.decisionLog = "sqlite:" + log
        }
        let body = try Data(contentsOf: LiveServer.packageRoot.appendingPathComponent("examples/cds-hooks/patient-view-recommendation.json"))
        let path = "/cds-services/rubric-massage"
        func call(_ aud: String) async throws -> LiveServer.Reply {
            try await live.send("POST", path, body: body, headers: ["Content-Type": "application/json",
                                                                    "Authorization": "Bearer \(try await token(aud: aud))"])
        }
        #expect(try await call("https://other.example\(path)").status == 401)     // the right path on another server
        let reply = try await call("https://rubric.clinic.example\(path)")
        #expect(reply.status == 200)
        let cards = reply.json["cards"] as? [[String: Any]] ?? []
        let urls = cards.flatMap { ($0["links"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String } }
        #expect(!urls.isEmpty)
        #expect(urls.allSatisfy { $0.hasPrefix("https://rubric.clinic.example/?decision=") }, "\(urls)")
        await live.stop()
    }

    @Test("A public URL is an http or https URL with a host and nothing after its path", arguments: [
        ("https://rubric.clinic.example", "https://rubric.clinic.example"), ("https://rubric.clinic.example/rubric/", "https://rubric.clinic.example/rubric"),
        ("http://10.0.0.5:8080", "http://10.0.0.5:8080"), ("rubric.clinic.example", nil), ("ftp://rubric.clinic.example", nil),
        ("https://rubric.clinic.example/?x=1", nil), ("https://user:pw@rubric.clinic.example", nil),
        ("HTTPS://Rubric.Clinic.Example:443/", "https://rubric.clinic.example"), ("http://[::1]:8080", "http://[::1]:8080"),
    ] as [(String, String?)])
    func publicURLs(text: String, expected: String?) {
        #expect(ServerConfiguration.publicURL(text) == expected)
    }
}
