internal import LuaSandbox

extension Catalog {
    /// The catalog as the table rules read (`catalog.techniques.swedish.name`, …).
    var luaValue: LuaValue {
        func terms(_ list: [Term]) -> LuaValue {
            .table(LuaTable(fields: Dictionary(uniqueKeysWithValues: list.map { t in
                (t.id, LuaValue.record(["id": .string(t.id), "name": .string(t.name),
                                         "aliases": .list(t.aliases.map(LuaValue.string)),
                                         "regions": .list(t.regions.map(LuaValue.string))]))
            })))
        }
        let techniques = Dictionary(uniqueKeysWithValues: self.techniques.map { t in
            (t.id, LuaValue.record([
                "id": .string(t.id), "name": .string(t.name), "description": .string(t.description),
                "pressure": .record(["min": .string(t.pressure.lowerBound.rawValue), "max": .string(t.pressure.upperBound.rawValue)]),
            ]))
        })
        let conditions = Dictionary(uniqueKeysWithValues: self.conditions.map { c in
            (c.id, LuaValue.record([
                "id": .string(c.id), "name": .string(c.name), "icd10": .list(c.icd10.map(LuaValue.string)),
                "regions": .list(c.regions.map(LuaValue.string)), "aliases": .list(c.aliases.map(LuaValue.string)),
            ]))
        })
        let medications = Dictionary(uniqueKeysWithValues: self.medications.map { m in
            (m.id, LuaValue.record(["id": .string(m.id), "name": .string(m.name), "class": .string(m.classID),
                                    "brands": .list(m.brands.map(LuaValue.string))]))
        })
        let sources = Dictionary(uniqueKeysWithValues: self.sources.map { s in
            (s.key, LuaValue.record(["key": .string(s.key), "kind": .string(s.kind), "title": .string(s.title)]))
        })
        return .record([
            "techniques": .table(LuaTable(fields: techniques)),
            "conditions": .table(LuaTable(fields: conditions)),
            "symptoms": terms(symptoms), "flags": terms(flags), "goals": terms(goals), "regions": terms(regions),
            "procedures": terms(procedures), "medication_classes": terms(medicationClasses),
            "medications": .table(LuaTable(fields: medications)),
            "sources": .table(LuaTable(fields: sources)),
        ])
    }
}
