-- Spinal stenosis: what seeds S0, S1 and S3 claim, graded against the evidence
-- (clinical brief §1 claims 1-4, 7, 8, 10, 11, 13, 25, 28; §2.1-2.2).
--
-- Evidence in brief: no guideline or review addresses massage alone for
-- stenosis. Manual therapy helps as part of a package with education and
-- exercise (Bussières 2021; Ammendolia 2022, short term). No technique has
-- been shown to beat Swedish massage (Cherkin 2011, chronic LBP), so points
-- stay small. Claims graded unsupported give no points: they are notes that
-- tell the therapist not to repeat them as fact.
--
-- Seeds: 000_9920447d33fa3dd6.txt (S0), 001_2442861526bc30ee.txt (S1),
-- 003_c60ed9b40b84202d.txt (S3). The MFR "no oil" claim (9) is in
-- practice.lua, acupressure (23) in back_pain.lua, craniosacral for the neck
-- (24) in cervical.lua.

local S0, S1, S3 = "000_9920447d33fa3dd6.txt", "001_2442861526bc30ee.txt", "003_c60ed9b40b84202d.txt"

-- The client's stenosis in words, or nil.
local function stenosis(client)
  if client:has_condition("lumbar_spinal_stenosis") then return "lumbar spinal stenosis" end
  if client:has_condition("cervical_spinal_stenosis") then return "cervical spinal stenosis" end
  if client:has_condition("spinal_stenosis") then return "spinal stenosis" end
  return nil
end
local STENOSIS = { conditions = { "lumbar_spinal_stenosis", "cervical_spinal_stenosis", "spinal_stenosis" } }
rule {
  id = "stenosis.relaxation_and_mobility",
  title = "Massage may relax muscles and ease pain and stiffness in stenosis (claims 1 and 3)",
  kind = "indication", when = STENOSIS,
  grade = "weak",
  evidence = { S0, "Bussieres-2021", "Ammendolia-2022", "Cochrane-Furlan-2015" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      note("For " .. s .. ", massage may relax tight muscles and ease pain and stiffness for a while (weak "
        .. "evidence). Studies that helped combined manual therapy with exercise (Bussières 2021, Ammendolia "
        .. "2022); massage alone has not been tested.")
    end
  end,
}

rule {
  id = "stenosis.claim_blood_flow_inflammation",
  title = "'Better blood flow reduces inflammation around the spine' is not supported (claim 2)",
  kind = "indication", when = STENOSIS,
  grade = "unsupported",
  evidence = { S0 },
  apply = function(client)
    if stenosis(client) then
      note("Do not tell the client that massage reduces inflammation around the spine by improving blood flow: "
        .. "this is a popular claim (seed S0) without trial support.")
    end
  end,
}

rule {
  id = "stenosis.claim_strengthens_muscles",
  title = "'Massage strengthens weak muscles and improves posture' is not supported (claim 4)",
  kind = "indication", when = STENOSIS,
  grade = "unsupported",
  evidence = { S0, "Bussieres-2021" },
  apply = function(client)
    if stenosis(client) then
      note("Massage does not strengthen weak muscles or correct posture: that is a popular claim (seed S0) "
        .. "without trial support, and massage is passive. Strength comes from exercise, which the stenosis "
        .. "guideline recommends (Bussières 2021).")
    end
  end,
}

rule {
  id = "stenosis.before_surgery",
  title = "Massage can be tried within conservative care before surgery is decided (claim 7)",
  kind = "indication", when = STENOSIS,
  grade = "weak",
  evidence = { S1, "Bussieres-2021", "Ammendolia-2022" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      note("If medicines or physical therapy have not helped enough, massage can be tried as part of "
        .. "conservative care for " .. s .. " (seed S1). It is not a proven alternative to surgery: decisions "
        .. "about surgery stay with the spine specialist.")
    end
  end,
}

rule {
  id = "stenosis.myofascial_release",
  title = "Myofascial release for spinal stenosis (seed claim 8; no trials in stenosis)",
  kind = "indication", when = STENOSIS,
  grade = "insufficient",   -- clinical.md §2.2: MFR x LSS = I
  evidence = { S1, "Wu-2021" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      points("myofascial_release", 1, "Mild, sustained fascial pressure that a seed article says eases tension and "
        .. "range of motion in " .. s .. "; not studied in stenosis, and very low evidence in chronic back "
        .. "pain (Wu 2021)")
    end
  end,
}

rule {
  id = "stenosis.claim_systemic_inflammation",
  title = "'Massage suppresses systemic and spinal inflammation' is not supported (claim 10)",
  kind = "indication", when = STENOSIS,
  grade = "unsupported",
  evidence = { S1 },
  apply = function(client)
    if stenosis(client) then
      note("Do not tell the client that massage suppresses inflammation in the body or the spine (through "
        .. "cytokines or serotonin): this is a popular claim (seed S1) without trial support.")
    end
  end,
}

rule {
  id = "stenosis.claim_complete_resolution",
  title = "'Symptoms may completely resolve' is not supported (claim 11)",
  kind = "indication", when = STENOSIS,
  grade = "unsupported",
  evidence = { S1, "Cochrane-Furlan-2015" },
  apply = function(client)
    if stenosis(client) then
      note("Do not promise that stenosis symptoms will go away: the idea that massage can resolve them "
        .. "completely is a popular claim (seed S1) without trial support. Trials of massage for back pain "
        .. "show short-term benefit only (Furlan 2015).")
    end
  end,
}

rule {
  id = "stenosis.physician_and_therapist",
  title = "Work with both the physician and the massage therapist (claim 13)",
  kind = "indication", when = STENOSIS,
  grade = "supported",
  evidence = { S1, "NICE-NG59", "Bussieres-2021" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      note("Stenosis care works best coordinated: the client's physician should know about the massage, and the "
        .. "therapist should know the medical plan for " .. s .. ".")
    end
  end,
}

rule {
  id = "stenosis.swedish",
  title = "Swedish massage for spinal stenosis (seed claim 25; no trials in stenosis)",
  kind = "indication", when = STENOSIS,
  grade = "insufficient",   -- clinical.md §2.2: Swedish x LSS = I
  evidence = { S3, "Cherkin-2011" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      points("swedish", 2, "Gentle strokes at any pressure that may relieve pain and calm the client in " .. s
        .. "; not tested in stenosis itself, but no technique has done better in back pain (Cherkin 2011)")
    end
  end,
}

rule {
  id = "stenosis.craniosacral",
  title = "Regular craniosacral sessions for stenosis pain (seed claim 28; no trials in stenosis)",
  kind = "indication", when = STENOSIS,
  grade = "insufficient",   -- clinical.md §2.2: craniosacral x LSS = I
  evidence = { S3, "Guillaud-2016" },
  apply = function(client)
    local s = stenosis(client)
    if s then
      points("craniosacral", 1, "Very gentle light-touch work that a seed article recommends for " .. s
        .. "; no trials in stenosis, and its proposed mechanism (a palpable cranial rhythm) is unreliable "
        .. "(Guillaud 2016)")
    end
  end,
}

rule {
  id = "stenosis.spine_experienced_therapist",
  title = "Choose a therapist experienced with spine disorders (claim 28)",
  kind = "indication", when = STENOSIS,
  grade = "practice",
  evidence = { S3 },
  apply = function(client)
    local s = stenosis(client)
    if s then
      note("For " .. s .. ", choose a therapist with experience of spine disorders (seed S3 also suggests "
        .. "craniosacral training; that is a preference, not an evidence-based requirement).")
    end
  end,
}
