-- Cancer treatment and bone metastases (clinical brief §2.3 relative
-- contraindications, §2.5 "Bone metastases (however recorded)" and "Low
-- platelets, active chemotherapy, neutropenia").
--
-- Covers: bone metastases, whether the profile gives them as a condition, a
-- flag or a symptom (the catalog makes them one condition, bone_metastases,
-- so every spelling reaches this rule and gets the light cap; before, the
-- alias under "cancer" got only a medium cap); active chemotherapy,
-- neutropenia and low platelets (light touch only, oncology clearance).
-- The general cancer rule (no deep pressure without the oncologist, never
-- over a tumour) is in bone_and_frailty.lua; a history of cancer with back
-- pain is a red flag in red_flags_pathology.lua.
--
-- Sources: Society for Oncology Massage and NCCIH (clinical.md §2.5,
-- [practice]); Werner (ABMP 2024) for cancer-weakened bone.

rule {
  id = "cancer.bone_metastases",
  title = "Bone metastases: light pressure only, nothing over the site, oncology clearance",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Society-for-Oncology-Massage", "NCCIH", "Werner-2024" },
  apply = function(client)
    if not client:has_condition("bone_metastases") then return end
    local why = "the client has bone metastases, and bone weakened by cancer can break under pressure"
    limit_pressure("light", why)
    exclude("deep_tissue", "No deep-tissue work: " .. why .. ".")
    exclude("trigger_point", "No sustained trigger point compression: " .. why .. ".")
    require_clearance {
      from = "the client's oncology team",
      reason = "Bone metastases: ask the oncology team which areas are affected and what pressure is safe "
        .. "before the first session.",
    }
    caution("Bone metastases: light pressure only, nothing over or near the affected bones, and no joint "
      .. "mobilisation or stretching that loads them; position with pillows and move the client slowly.")
  end,
}

rule {
  id = "cancer.active_treatment_light_touch",
  title = "Active chemotherapy, neutropenia or low platelets: light touch only, oncology clearance",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Society-for-Oncology-Massage", "NCCIH" },
  apply = function(client)
    local why = {}
    if client:has_flag("chemotherapy") then why[#why + 1] = "is having chemotherapy (or has neutropenia)" end
    if client:has_flag("low_platelets") then why[#why + 1] = "has low platelets" end
    if #why == 0 then return end
    local text = "the client " .. table.concat(why, " and ")
    limit_pressure("light", text .. ": light touch only, as bruising, bleeding and infection are more likely")
    require_clearance {
      from = "the client's oncology team (or the doctor treating the low platelets)",
      reason = "Active cancer treatment or low blood counts (" .. text .. "): ask the treating team whether "
        .. "massage is fine now and what to avoid (ports, lines, radiotherapy skin, blood count limits).",
    }
    caution("Infection risk during treatment (" .. text .. "): postpone if you or the client have a cold or "
      .. "any infection, wash hands well, and do not work over ports, lines or radiotherapy skin.")
  end,
}
