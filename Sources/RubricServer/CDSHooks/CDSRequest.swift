import Foundation
import Rubric

/// What a CDS Hooks call must carry, checked before any evaluation: the hook, the patient, and
/// every prefetch key the service asked for.
struct CDSRequest {
    let patientID: String
    /// Whether the call is one Rubric advises on (an order-select call about another kind of order is not).
    let relevant: Bool

    init(_ data: Data, service: CDSService) throws {
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
        let missing = CDSService.prefetch.map(\.key).filter { prefetch[$0] == nil || prefetch[$0] is NSNull }
        if !missing.isEmpty {
            let fetch = body["fhirServer"] != nil ? " (fetching from fhirServer is not supported yet)" : ""
            throw ServerError.preconditionFailed("prefetch is missing \(missing.joined(separator: ", "))\(fetch): "
                                                 + "Rubric does not advise on part of a record")
        }
        if service.hook == "order-select" {
            relevant = Self.selectsMassage(context)
        } else {
            relevant = true
        }
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
