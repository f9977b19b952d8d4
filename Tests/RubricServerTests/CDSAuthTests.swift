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
}
