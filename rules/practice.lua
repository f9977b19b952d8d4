-- Practice guidance from the seeds that is not about one condition
-- (clinical brief §1 claims 6, 9, 12, 22, 27, 35, 36), plus a blood pressure
-- check (§2.3).
--
-- Covers: massage and pain medication (6); myofascial release on dry skin
-- (9); how many sessions (12, 27); massage as one part of a package of
-- conservative care (22, 35); a licensed, experienced therapist (36).
--
-- Sources: seeds 000_9920447d33fa3dd6.txt (S0), 001_2442861526bc30ee.txt
-- (S1), 003_c60ed9b40b84202d.txt (S3), 004_e146a2be32526160.txt (S4);
-- NICE NG59 1.2.7 (manual therapy only as part of a package including
-- exercise); ACP 2017; Bussières 2021; Sherman 2014 (dose in neck pain);
-- Cochrane (Furlan 2015); Ernst 2003.

local S0, S1 = "000_9920447d33fa3dd6.txt", "001_2442861526bc30ee.txt"
local S3, S4 = "003_c60ed9b40b84202d.txt", "004_e146a2be32526160.txt"

-- The client's back or neck condition in words, or nil. Ids are written out
-- (not looped over) so `rubric rules check` can verify each one.
local function spinal_condition(client)
  if client:has_condition("lumbar_spinal_stenosis") then return "lumbar spinal stenosis" end
  if client:has_condition("cervical_spinal_stenosis") then return "cervical spinal stenosis" end
  if client:has_condition("spinal_stenosis") then return "spinal stenosis" end
  if client:has_condition("sciatica") then return "sciatica" end
  if client:has_condition("lumbago_with_sciatica") then return "low back pain with sciatica" end
  if client:has_condition("lumbar_radiculopathy") then return "lumbar radicular pain" end
  if client:has_condition("lumbar_disc_herniation") then return "the disc herniation" end
  if client:has_condition("spinal_osteoarthritis") then return "spinal osteoarthritis" end
  if client:has_condition("low_back_pain") then return "low back pain" end
  if client:has_condition("acute_back_strain") then return "the back strain" end
  if client:has_condition("back_spasm") then return "back spasm" end
  if client:has_condition("cervical_radiculopathy") then return "cervical radicular pain" end
  if client:has_condition("neck_pain") then return "neck pain" end
  return nil
end

rule {
  id = "practice.pain_medication",
  title = "Massage and pain medication (claim 6, weak evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { S0, S3 },
  apply = function(client)
    local names = {}
    for _, list in ipairs({ client:medications_in("nsaid"), client:medications_in("opioid"),
                            client:medications_in("muscle_relaxant"), client:medications_in("gabapentinoid") }) do
      for _, name in ipairs(list) do names[#names + 1] = name end
    end
    if #names > 0 then
      note("The client takes " .. table.concat(names, ", ") .. " for pain. Some people find massage lets them "
        .. "rely less on pain medicine (seeds S0 and S3), but this is not well studied; any change to medicines "
        .. "is for the prescriber, not the therapist.")
    end
  end,
}

rule {
  id = "practice.mfr_dry_skin",
  title = "Myofascial release works on dry skin, without oil or cream (claim 9)",
  kind = "caution",
  grade = "practice",
  evidence = { S1 },
  apply = function(client)
    local relevant = client:requested() == "myofascial_release" or client:oil_sensitive()
      or client:has_goal("mobility") or client:has_condition("spinal_stenosis")
      or client:has_condition("lumbar_spinal_stenosis") or client:has_condition("cervical_spinal_stenosis")
    if relevant then
      caution("myofascial_release", "Work on dry skin, without oil or cream: the fascia has to be gripped, and "
        .. "seed S1 says the technique works better that way (other techniques may use oil).")
    end
  end,
}

rule {
  id = "practice.session_frequency",
  title = "One session may help; marked change takes several (claims 12 and 27)",
  kind = "indication",
  grade = "weak",
  evidence = { S1, S3, "Sherman-2014", "Cochrane-Furlan-2015" },
  apply = function(client)
    local s = spinal_condition(client)
    if not s then return end
    local neck = client:has_condition("neck_pain") or client:has_condition("cervical_spinal_stenosis")
      or client:has_condition("cervical_radiculopathy")
    note("Sessions for " .. s .. ": some relief may follow one session, but marked change usually takes "
      .. "several (seed S1). Plan a short course and review it, rather than 'as often as you can afford' "
      .. "(seed S3), which has no evidence; benefits are short-term (Furlan 2015)."
      .. (neck and " For neck pain, 60-minute sessions 2-3 times a week helped and 30-minute sessions did not "
        .. "(Sherman 2014)." or ""))
  end,
}

rule {
  id = "practice.part_of_a_package",
  title = "Massage belongs in a package of conservative care (claims 22 and 35)",
  kind = "indication",
  grade = "supported",
  evidence = { S3, S4, "NICE-NG59", "ACP-2017", "Bussieres-2021" },
  apply = function(client)
    local s = spinal_condition(client)
    if s then
      note("Massage should be one part of the plan for " .. s .. ", alongside exercise or physical therapy, "
        .. "medicines as prescribed, heat or cold and staying active (seeds S3 and S4). Guidelines support "
        .. "manual therapy only as part of a package that includes exercise (NICE NG59).")
    end
  end,
}

rule {
  id = "practice.licensed_therapist",
  title = "A licensed, experienced therapist who tailors treatment (claim 36)",
  kind = "indication",
  grade = "practice",
  evidence = { S4, "Ernst-2003" },
  apply = function(client)
    local s = spinal_condition(client)
    if s then
      note("Use a licensed, experienced therapist who tailors the session to the client's " .. s .. " (seed S4); "
        .. "serious harms from massage mostly involve untrained practitioners (Ernst 2003).")
    end
  end,
}
