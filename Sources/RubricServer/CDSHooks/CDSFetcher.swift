import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Rubric

/// Fetches what a CDS Hooks call's prefetch left out from the EHR's FHIR server, with the access
/// token it gave (CDS Hooks 2.0, "FHIR Resource Access"), and puts it into the request as if it
/// had been prefetched. Anything the server does not give is a 412: no advice on part of a record.
enum CDSFetcher {
    /// A fetched resource may be at most this large.
    static let maximumBytes = InputLimits.maximumProfileBytes

    /// The request body with every missing prefetch key filled.
    static func complete(_ body: Data, _ call: CDSRequest, timeout: Double) async throws -> Data {
        guard let server = call.fhirServer,
              var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return body }
        var prefetch = object["prefetch"] as? [String: Any] ?? [:]
        let patient = call.patientID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "&", "#"])) ?? ""
        for key in call.missing {
            guard let template = CDSService.prefetch.first(where: { $0.key == key })?.template else { continue }
            let query = template.replacingOccurrences(of: "{{context.patientId}}", with: patient)
            let base = server.absoluteString.hasSuffix("/") ? String(server.absoluteString.dropLast()) : server.absoluteString
            var request = HTTPClientRequest(url: base + "/" + query)
            request.headers.add(name: "Accept", value: "application/fhir+json")
            if let token = call.accessToken { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            let response: HTTPClientResponse
            do {
                response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(min(max(timeout, 0), 1e9) * 1000)))
            } catch {
                throw ServerError.preconditionFailed("the FHIR server could not be reached for \(key)")
            }
            guard response.status == .ok else {
                throw ServerError.preconditionFailed("the FHIR server answered \(response.status.code) for \(key)")
            }
            let bytes: ByteBuffer
            do { bytes = try await response.body.collect(upTo: maximumBytes) } catch {
                throw ServerError.preconditionFailed("the FHIR server's \(key) is larger than \(maximumBytes) bytes")
            }
            guard let resource = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any],
                  let type = resource["resourceType"] as? String else {
                throw ServerError.preconditionFailed("the FHIR server's \(key) is not a FHIR resource")
            }
            guard type != "OperationOutcome" else { throw ServerError.preconditionFailed("the FHIR server reported an error for \(key)") }
            prefetch[key] = resource
        }
        object["prefetch"] = prefetch
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }
}
