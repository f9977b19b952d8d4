-- The neck: cervical stenosis, OPLL and myelopathy (clinical brief §2.2
-- harms, §2.3), and the seed claim that craniosacral therapy eases neck pain
-- (seed claim 24).
--
-- Safety: a man with OPLL and a C5-6 disc herniation became tetraplegic
-- after a neck massage (Cheong 2012, a single case); serious events reported
-- elsewhere (disc herniation, cord injury, arterial dissection) mostly
-- followed manipulation (Yin 2014). Rule [inference, clinical.md]: no
-- forceful neck work or manipulation when the cervical canal is narrowed.
--
-- Craniosacral for the neck: evidence is very low and conflicting. Haller
-- 2016 (RCT) and Haller 2020 (meta-analysis) were positive; Ceballos-Laita
-- 2024 found no relevant effect; cranial palpation itself is unreliable
-- (Guillaud 2016). So one point at most, and the reason says so.

-- The cervical condition behind the neck-safety rule, in words, or nil.
local function narrowed_cervical_canal(client)
  if client:has_condition("opll") then return "OPLL (ossified posterior longitudinal ligament)" end
  if client:has_condition("cervical_myelopathy") then return "cervical myelopathy" end
  if client:has_condition("cervical_spinal_stenosis") then return "cervical spinal stenosis" end
  -- plain "spinal stenosis" counts only when the profile says it is cervical
  local c = client:condition("spinal_stenosis")
  if c and c.region == "cervical" then return "spinal stenosis in the cervical spine" end
  return nil
end

rule {
  id = "cervical.no_forceful_neck_work",
  title = "Cervical stenosis, OPLL or myelopathy: no forceful neck work",
  kind = "caution",
  grade = "practice",
  evidence = { "Cheong-2012", "Yin-2014" },
  apply = function(client)
    local cause = narrowed_cervical_canal(client)
    if not cause then return end
    local text = "No deep or forceful pressure on the neck: the client has " .. cause
      .. ", and a neck massage was followed by tetraplegia in a man with OPLL (Cheong 2012). "
      .. "Elsewhere on the body it may be used as usual."
    caution("deep_tissue", text)
    caution("trigger_point", "No sustained compression on the neck: the client has " .. cause
      .. " (Cheong 2012). Elsewhere on the body it may be used as usual.")
    caution("Neck (" .. cause .. "): no manipulation, no forceful stretching or end-range rotation, and keep "
      .. "neck work gentle. Stop and refer if arm or leg numbness, weakness or clumsiness appears or worsens.")
  end,
}

rule {
  id = "cervical.craniosacral_neck_pain",
  title = "Craniosacral therapy for neck pain (seed claim; conflicting, very low evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { "003_c60ed9b40b84202d.txt", "Haller-2016", "Haller-2020", "Ceballos-Laita-2024", "Guillaud-2016" },
  apply = function(client)
    local why
    if client:has_condition("neck_pain") then
      why = "neck pain"
    elseif client:has_condition("cervical_spinal_stenosis") then
      why = "cervical stenosis"
    elseif client:has_condition("cervical_radiculopathy") then
      why = "cervical radiculopathy"
    else
      -- only when the profile says the arthritis is cervical (the condition spans several regions)
      local oa = client:condition("spinal_osteoarthritis")
      if oa and oa.region == "cervical" then why = "arthritis of the cervical spine" end
    end
    if why then
      points("craniosacral", 1, "Gentle light-touch work that a seed article says eases " .. why .. "; trials "
        .. "conflict (positive in Haller 2016/2020, no relevant effect in Ceballos-Laita 2024), so the evidence "
        .. "is very low")
    end
  end,
}
