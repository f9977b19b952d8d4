internal import LuaSandbox

/// The profile as the table rules read through the client view (`P` in the host API).
extension ResolvedProfile {
    /// Writes the table straight into `encoder` (once per evaluation, so no ``LuaValue`` tree is
    /// built). Keys are written in sorted order, as ``LuaValue`` writes a record's fields;
    /// absent values are left out.
    func encode(into e: inout LuaEncoder) {
        var t = e.beginTable()
        e.field("age", age, in: &t)
        records("conditions", conditions.filter { $0.id != nil }, into: &e, in: &t) { c, e, r in
            e.field("active", c.active, in: &r)
            e.field("course", c.course, in: &r)
            e.field("icd10", c.icd10, in: &r)
            e.field("id", c.id, in: &r)
            e.field("input", c.input, in: &r)
            e.field("region", c.region, in: &r)
            e.field("severity", c.severity, in: &r)
            e.field("side", c.side, in: &r)
            e.field("status", c.status ?? "active", in: &r)
        }
        strings("flags", flags, into: &e, in: &t)
        e.field("id", clientID, in: &t)
        records("medications", medications, into: &e, in: &t) { m, e, r in
            e.field("class", m.classID, in: &r)
            e.field("dose", m.dose, in: &r)
            e.field("id", m.id, in: &r)
            e.field("name", m.input, in: &r)
        }
        e.key("preferences", in: &t)
        var prefs = e.beginTable()
        strings("goals", goals, into: &e, in: &prefs)
        e.field("oil_sensitivity", oilSensitivity ?? false, in: &prefs)
        e.field("pressure", pressure?.rawValue, in: &prefs)
        e.field("requested", requested, in: &prefs)
        e.end(prefs)
        if let pregnancy {
            e.key("pregnancy", in: &t)
            var r = e.beginTable()
            e.field("high_risk", pregnancy.highRisk ?? false, in: &r)
            e.field("weeks", pregnancy.weeks, in: &r)
            e.end(r)
        }
        e.field("sex", sex, in: &t)
        records("surgeries", surgeries, into: &e, in: &t) { s, e, r in
            e.field("input", s.input, in: &r)
            e.field("procedure", s.procedureID, in: &r)
            e.field("region", s.region, in: &r)
            e.field("weeks_ago", s.weeksAgo, in: &r)
        }
        if !symptomOnsets.isEmpty {   // left out when empty, so most profiles encode as before
            e.key("symptom_onset", in: &t)
            var onsets = e.beginTable()
            for id in symptomOnsets.keys.sorted() { e.field(id, symptomOnsets[id], in: &onsets) }
            e.end(onsets)
        }
        strings("symptoms", symptoms, into: &e, in: &t)
        e.end(t)
    }

    /// A field holding a list of records, each written by `fields`.
    private func records<Item>(_ key: String, _ items: [Item], into e: inout LuaEncoder, in table: inout LuaEncoder.Table,
                               _ fields: (Item, inout LuaEncoder, inout LuaEncoder.Table) -> Void) {
        e.key(key, in: &table)
        var list = e.beginTable()
        for item in items {
            e.item(in: &list)
            var record = e.beginTable()
            fields(item, &e, &record)
            e.end(record)
        }
        e.end(list)
    }

    private func strings(_ key: String, _ values: [String], into e: inout LuaEncoder, in table: inout LuaEncoder.Table) {
        e.key(key, in: &table)
        var list = e.beginTable()
        for v in values { e.item(v, in: &list) }
        e.end(list)
    }

    /// The same table as a value (for the bare-Lua floor benchmark, which writes it out as Lua).
    var luaValue: LuaValue {
        var e = LuaEncoder()
        encode(into: &e)
        return e.decoded.first ?? .nil
    }
}
