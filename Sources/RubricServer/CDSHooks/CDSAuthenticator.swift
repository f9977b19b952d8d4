import Foundation
import Hummingbird
import JWTKit

/// The CDS Hooks bearer token (CDS Hooks 2.0, "Trusting CDS Clients"): a JWT the EHR signs,
/// verified against the keys of a configured JWKS, not expired, and addressed (`aud`) to the
/// service being called.
final class CDSAuthenticator: Sendable {
    let keys = JWTKeyCollection()
    private let jwks: String

    /// The claims CDS Hooks requires of a client's JWT.
    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var jti: IDClaim
        var sub: SubjectClaim?

        func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
    }

    /// The server's public URL: with it, `aud` must be that URL and the path exactly.
    private let publicURL: String?

    init(jwks: String, publicURL: String? = nil) {
        self.jwks = jwks
        self.publicURL = publicURL
    }

    /// Reads the JWKS. - Throws: when it is not one (the server does not start).
    func prepare() async throws {
        do { _ = try await keys.add(jwksJSON: jwks) } catch { throw CDSAuthenticatorError(message: "the CDS JWKS is not a valid JWK set: \(error)") }
    }

    /// The issuer of a valid token for `path`. - Throws: ``ServerError/unauthorized`` otherwise.
    func verify(_ request: Request, path: String) async throws(ServerError) -> String {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { throw .unauthorized }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let claims: Claims
        do { claims = try await keys.verify(token, as: Claims.self) } catch { throw .unauthorized }
        // aud is the service's URL: all of it when the server knows its public URL, else its path
        if let publicURL {
            guard claims.aud.value.contains(publicURL + path) else { throw .unauthorized }
        } else {
            guard claims.aud.value.contains(where: { (URLComponents(string: $0)?.path ?? $0) == path }) else { throw .unauthorized }
        }
        return claims.iss.value
    }
}

struct CDSAuthenticatorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
