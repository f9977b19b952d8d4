-- Helpers the spine red-flag plugins share (red_flags.lua, red_flags_pathology.lua):
-- plugins load it with `local spine = use "spine"`.
--
-- Onset: a condition's course stands in for when the pain began: "chronic" (over 12
-- weeks) counts as long-standing, "acute" or "subacute" as recent, and no course as unknown.
local M = {}

-- Back, leg or neck pain of spinal origin, in words, or nil. Ids are written
-- out (not looped over) so `rubric rules check` can verify each one.
function M.spinal_pain(client)
  if client:has_condition("low_back_pain") or client:has_condition("acute_back_strain")
    or client:has_condition("back_spasm") or client:has_symptom("back_pain")
    or client:has_symptom("sudden_severe_back_pain") then
    return "back pain"
  end
  if client:has_condition("sciatica") or client:has_condition("lumbago_with_sciatica")
    or client:has_condition("lumbar_radiculopathy") or client:has_symptom("radiating_leg_pain") then
    return "sciatica or radiating leg pain"
  end
  if client:has_condition("spinal_stenosis") or client:has_condition("lumbar_spinal_stenosis")
    or client:has_condition("lumbar_disc_herniation") or client:has_condition("spinal_osteoarthritis")
    or client:has_condition("cauda_equina_syndrome") or client:has_symptom("neurogenic_claudication") then
    return "a painful spinal condition"
  end
  if client:has_condition("neck_pain") or client:has_condition("cervical_spinal_stenosis")
    or client:has_condition("cervical_radiculopathy") or client:has_condition("cervical_myelopathy")
    or client:has_condition("opll") then
    return "neck pain"
  end
  return nil
end

-- How long the spinal pain has lasted, from the conditions' course:
-- "recent" (any acute or subacute), "chronic" (all chronic), or nil (not
-- given, or only a symptom). Ids are written out for `rubric rules check`.
function M.spinal_course(client)
  local chronic = false
  for _, c in ipairs(client.conditions) do
    local spinal = c.id == "low_back_pain" or c.id == "acute_back_strain" or c.id == "back_spasm"
      or c.id == "sciatica" or c.id == "lumbago_with_sciatica" or c.id == "lumbar_radiculopathy"
      or c.id == "lumbar_disc_herniation" or c.id == "spinal_stenosis" or c.id == "lumbar_spinal_stenosis"
      or c.id == "spinal_osteoarthritis" or c.id == "neck_pain" or c.id == "cervical_spinal_stenosis"
      or c.id == "cervical_radiculopathy"
    if c.active and spinal then
      if c.id == "acute_back_strain" or c.course == "acute" or c.course == "subacute" then return "recent" end
      if c.course == "chronic" then chronic = true end
    end
  end
  if client:has_symptom("sudden_severe_back_pain") then return "recent" end
  return chronic and "chronic" or nil
end

-- Appends `words` to `list` when `present` is true.
function M.add(list, present, words)
  if present then list[#list + 1] = words end
end

-- Nerve symptoms that, with a malignancy red flag, suggest compression.
function M.nerve_symptoms(client)
  local found = {}
  M.add(found, client:has_symptom("numbness"), "numbness")
  M.add(found, client:has_symptom("tingling"), "tingling")
  M.add(found, client:has_symptom("leg_weakness"), "leg weakness")
  M.add(found, client:has_symptom("loss_of_coordination"), "loss of coordination")
  M.add(found, client:has_symptom("radiating_leg_pain"), "radiating leg pain")
  return found
end

return M
