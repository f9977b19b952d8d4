-- Bleeding risk: anticoagulants, antiplatelets and bleeding disorders
-- (clinical brief §2.3, relative contraindications: "no forceful or
-- deep-tissue massage").
--
-- Medicines resolve through rules/catalog/medications.yaml, so a profile may
-- name the generic or the brand, with or without a dose (Eliquis 5 mg,
-- Xarelto, warfarin/Coumadin, Pradaxa, edoxaban, heparin, Lovenox, Plavix,
-- aspirin ...). The flags anticoagulant_use ("blood thinners") and
-- bleeding_disorder (haemophilia) and low_platelets cover profiles without a
-- medicine name (low platelets also get light touch only: oncology.lua).
--
-- Action: deep tissue is excluded, pressure is capped at medium (no forceful
-- work in any technique), and trigger point work gets a caution because its
-- sustained compression is the forceful part.
--
-- Sources: NCCIH. Antiplatelets are treated like anticoagulants: the
-- catalog marks this as [inference]. A medicine the catalog cannot resolve
-- (a typo, an unlisted brand) gets a caution, so a blood thinner is never
-- dropped silently.

-- Why the client bleeds more easily, in words a therapist can check, or nil.
local function bleeding_risk(client)
  local causes = {}
  local anticoag = client:medications_in("anticoagulant")
  for _, name in ipairs(anticoag) do causes[#causes + 1] = "takes " .. name .. " (an anticoagulant)" end
  for _, name in ipairs(client:medications_in("antiplatelet")) do
    causes[#causes + 1] = "takes " .. name .. " (an antiplatelet)"
  end
  if #anticoag == 0 and client:has_flag("anticoagulant_use") then
    causes[#causes + 1] = "takes blood thinners (anticoagulants)"
  end
  if client:has_flag("bleeding_disorder") then causes[#causes + 1] = "has a bleeding disorder" end
  if client:has_flag("low_platelets") then causes[#causes + 1] = "has low platelets" end
  if #causes == 0 then return nil end
  return "the client " .. table.concat(causes, " and "), #causes
end

rule {
  id = "bleeding.no_deep_pressure",
  title = "Blood thinners or a bleeding disorder: no deep-tissue or forceful work",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local why, count = bleeding_risk(client)
    if not why then return end
    exclude("deep_tissue", "Deep-tissue pressure risks bruising and bleeding: " .. why .. ".")
    limit_pressure("medium", "no forceful pressure, because " .. why)
    caution("trigger_point", "No forceful or sustained compression: " .. why
      .. ". Use brief, moderate pressure and watch for bruising.")
    if count > 1 then
      caution("More than one bleeding risk (" .. why .. "): bruising is more likely; keep pressure moderate "
        .. "and check the skin afterwards.")
    end
  end,
}

rule {
  id = "bleeding.unrecognised_medicine",
  title = "A medicine the catalog does not recognise: check it is not a blood thinner",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local unknown = {}
    for _, m in ipairs(client.medications) do
      if not m.class then unknown[#unknown + 1] = m.name end
    end
    if #unknown > 0 then
      caution("The profile lists " .. table.concat(unknown, ", ") .. ", which the catalog does not recognise: "
        .. "check whether it thins the blood (or is a steroid) before using deep or forceful pressure.")
    end
  end,
}
