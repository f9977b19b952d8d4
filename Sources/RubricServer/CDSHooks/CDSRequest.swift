import Foundation
import Rubric

/// What a CDS Hooks call must carry, checked before any evaluation: the hook, the patient, and
/// every prefetch key the service asked for.
struct CDSRequest {
    let patientID: String
    /// Whether the call is one Rubric advises on (an order-select call about another kind of order is not).
    let relevant: Bool
    /// The prefetch keys the EHR did not fill (absent or `null`): fetched from `fhirServer`.
    let missing: [String]
    /// The EHR's FHIR server and the access token it gave, for what the prefetch left out.
    let fhirServer: URL?
    let accessToken: String?

    init(_ data: Data, service: CDSService, allowLoopback: Bool = false) throws {
        func bad(_ field: String, _ message: String) -> ServerError {
            .badInput(InputError(file: "<request>", field: field, message: message))
        }
        guard let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw bad("body", "expected a CDS Hooks request: a JSON object with hook, hookInstance, context and prefetch")
        }
        guard let hook = body["hook"] as? String, hook == service.hook else {
            throw bad("hook", "this service answers the \(service.hook) hook")
        }
        guard let instance = body["hookInstance"] as? String, !instance.isEmpty else { throw bad("hookInstance", "a hookInstance is needed") }
        guard let context = body["context"] as? [String: Any], let patient = context["patientId"] as? String, !patient.isEmpty else {
            throw bad("context.patientId", "the context must name the patient (patientId)")
        }
        patientID = patient
        let prefetch = body["prefetch"] as? [String: Any] ?? [:]
        // CDS Hooks 2.0: a key left out was not satisfied, an OperationOutcome reports an error
        // prefetching it (both: fetch it, or 412); `null` means there is no such data (no allergies),
        // except for the patient, who must be there
        missing = CDSService.prefetch.map(\.key).filter { key in
            guard let value = prefetch[key] else { return true }
            if value is NSNull { return key == "patient" }
            return (value as? [String: Any])?["resourceType"] as? String == "OperationOutcome"
        }
        accessToken = (body["fhirAuthorization"] as? [String: Any])?["access_token"] as? String
        if let text = body["fhirServer"] as? String {
            // only https; http only on this machine and only when the server allows it (a test's FHIR stub)
            guard let url = URL(string: text), let host = url.host,
                  url.scheme == "https" || (allowLoopback && url.scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host)) else {
                throw bad("fhirServer", "fhirServer must be an https URL")
            }
            fhirServer = url
        } else { fhirServer = nil }

        if service.hook == "order-select" {
            relevant = Self.selectsMassage(context)
        } else {
            relevant = true
        }
    }

    /// - Throws: a 412 when data is missing and there is no fhirServer to fetch it from.
    func requireData() throws {
        if !missing.isEmpty && fhirServer == nil {
            throw ServerError.preconditionFailed("prefetch is missing \(missing.joined(separator: ", ")) and there is no fhirServer to "
                                                 + "fetch it from: Rubric does not advise on part of a record")
        }
    }

    /// The request without its `fhirAuthorization` (a credential), for the decision log.
    /// `nil` if it cannot be rewritten: then no input is kept at all.
    static func withoutAuthorization(_ data: Data) -> Data? {
        guard var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        guard object["fhirAuthorization"] != nil else { return data }
        object["fhirAuthorization"] = nil
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// Whether a selected draft order is a massage-therapy ServiceRequest (its code's text or display names a massage technique).
    static func selectsMassage(_ context: [String: Any]) -> Bool {
        let selections = Set(context["selections"] as? [String] ?? [])
        let entries = (context["draftOrders"] as? [String: Any])?["entry"] as? [[String: Any]] ?? []
        let words = ["massage", "myofascial", "craniosacral", "acupressure", "trigger point", "manual therapy", "soft tissue"]
        for entry in entries {
            guard let r = entry["resource"] as? [String: Any], r["resourceType"] as? String == "ServiceRequest",
                  let id = r["id"] as? String, selections.contains("ServiceRequest/\(id)") || selections.contains(id) else { continue }
            let code = r["code"] as? [String: Any]
            var texts = [code?["text"] as? String].compactMap { $0 }
            texts += (code?["coding"] as? [[String: Any]] ?? []).compactMap { $0["display"] as? String }
            if texts.contains(where: { t in words.contains { t.lowercased().contains($0) } }) { return true }
        }
        return false
    }
}
