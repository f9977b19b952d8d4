-- Sciatica: what seed S4 claims (clinical brief §1 claims 29-34), graded
-- against the evidence (§2.1-2.2).
--
-- Evidence in brief: no trials of any massage technique for sciatica were
-- found (insufficient), and the Dutch physiotherapy guideline (KNGF 2021)
-- advises against massage in lumbosacral radicular syndrome, in direct
-- conflict with S4. NICE NG59 allows manual therapy for low back pain "with
-- or without sciatica" only within a package that includes exercise. So the
-- weak claims get one point at most and the unsupported ones none.
--
-- Seed: 004_e146a2be32526160.txt (S4). The "comprehensive plan" claim (35)
-- and "licensed, experienced therapist" (36) are in practice.lua.

local S4 = "004_e146a2be32526160.txt"

-- The client's sciatica or radicular condition in words, or nil.
local function sciatica(client)
  if client:has_condition("sciatica") then return "sciatica" end
  if client:has_condition("lumbago_with_sciatica") then return "low back pain with sciatica" end
  if client:has_condition("lumbar_radiculopathy") then return "lumbar radicular pain" end
  return nil
end
local SCIATICA = { conditions = { "sciatica", "lumbago_with_sciatica", "lumbar_radiculopathy" } } -- what it reads
rule {
  id = "sciatica.muscle_spasm",
  title = "Relaxing spasming back and leg muscles may ease sciatic pain (claim 29, weak; guideline conflict)",
  kind = "indication", when = SCIATICA,
  grade = "weak",
  evidence = { S4, "KNGF-2021", "NICE-NG59" },
  apply = function(client)
    local s = sciatica(client)
    if s then
      note("For " .. s .. ", massage may relax tight back and leg muscles, but it has not been shown to take "
        .. "pressure off the sciatic nerve. Guidelines disagree: NICE NG59 allows manual therapy only with "
        .. "exercise, and the Dutch guideline (KNGF 2021) advises against massage for radicular pain.")
    end
  end,
}

rule {
  id = "sciatica.claim_flushes_toxins",
  title = "'Circulation flushes out toxins' is not supported (claim 30)",
  kind = "indication", when = SCIATICA,
  grade = "unsupported",
  evidence = { S4 },
  apply = function(client)
    if sciatica(client) then
      note("Do not tell the client that massage flushes toxins out of the tissues: this is a popular claim "
        .. "(seed S4) without trial support.")
    end
  end,
}

rule {
  id = "sciatica.claim_prevents_recurrence",
  title = "'Regular massage prevents future sciatica and improves posture' is not supported (claim 31)",
  kind = "indication", when = SCIATICA,
  grade = "unsupported",
  evidence = { S4 },
  apply = function(client)
    if sciatica(client) then
      note("Do not promise that regular massage will prevent future sciatica or improve posture: this is a "
        .. "popular claim (seed S4) without trial support; it has not been studied.")
    end
  end,
}

rule {
  id = "sciatica.deep_tissue_claim",
  title = "'Deep tissue works especially well for sciatica' is not supported (claim 32)",
  kind = "indication", when = SCIATICA,
  grade = "unsupported",
  evidence = { S4, "KNGF-2021" },
  apply = function(client)
    local s = sciatica(client)
    if s then
      points("deep_tissue", 0, "That deep tissue works especially well for " .. s .. " is a popular claim (seed "
        .. "S4) without trial support; no trials were found, and the Dutch guideline advises against massage "
        .. "for radicular pain")
    end
  end,
}

rule {
  id = "sciatica.swedish",
  title = "Swedish massage for sciatica (claim 33; no trials for sciatica)",
  kind = "indication", when = SCIATICA,
  grade = "insufficient",   -- clinical.md §2.2: Swedish x sciatica = I (no trials found)
  evidence = { S4, "Cherkin-2011" },
  apply = function(client)
    local s = sciatica(client)
    if s then
      points("swedish", 1, "Long, flowing strokes that may relax spasming back and leg muscles in " .. s
        .. "; not studied in trials for sciatica")
    end
  end,
}

rule {
  id = "sciatica.trigger_point",
  title = "Trigger point therapy for knots referring pain along the sciatic nerve (claim 34; no trials for sciatica)",
  kind = "indication", when = SCIATICA,
  grade = "insufficient",   -- clinical.md §2.2: trigger point x sciatica = I
  evidence = { S4, "Lu-2022" },
  apply = function(client)
    local s = sciatica(client)
    if s then
      points("trigger_point", 1, "Pressure on muscle knots that a seed article says refer pain along the sciatic "
        .. "nerve; not studied for " .. s .. ", and in chronic back pain it eased tenderness but not pain "
        .. "(Lu 2022)")
    end
  end,
}

-- Radicular pain (sciatica, lumbar or cervical radiculopathy, a disc disorder
-- with radiculopathy, M51.16/M51.17): sustained compression along the
-- irritated nerve's path can aggravate it, and KNGF 2021 advises against
-- massage in lumbosacral radicular syndrome. While the pain is recent (acute
-- or subacute course, or no course given), deep tissue and trigger point are
-- moved down by 4 so that no preference (request +2, pressure +1) or seed
-- claim (+1) can put them first; once chronic, the caution alone stays. The
-- points are a safety ordering, not an efficacy claim [inference].
local RADICULAR_CODES = { ["M51.16"] = true, ["M51.17"] = true }

rule {
  id = "sciatica.no_sustained_nerve_pressure",
  title = "Radicular pain: no sustained pressure along the nerve; deep tissue and trigger point never first",
  kind = "caution",
  grade = "practice",
  evidence = { "KNGF-2021", "NICE-NG59" },
  apply = function(client)
    local found
    for _, c in ipairs(client.conditions) do
      if c.active and not found then
        if c.id == "sciatica" or c.id == "lumbago_with_sciatica" then
          found = { c, "sciatica", "the buttock and the back of the leg" }
        elseif c.id == "lumbar_radiculopathy"
          or (c.id == "lumbar_disc_herniation" and RADICULAR_CODES[c.icd10 or ""]) then
          found = { c, "lumbar radicular pain", "the buttock and the leg" }
        elseif c.id == "cervical_radiculopathy" then
          found = { c, "cervical radicular pain", "the side of the neck, the shoulder blade and the arm" }
        end
      end
    end
    -- Ids as the catalog spells them, read once so `rubric rules check` sees them.
    local _ = client:has_condition("sciatica") or client:has_condition("lumbago_with_sciatica")
      or client:has_condition("lumbar_radiculopathy") or client:has_condition("lumbar_disc_herniation")
      or client:has_condition("cervical_radiculopathy")
    if not found then return end
    local c, what, path = found[1], found[2], found[3]
    local text = "The client has " .. what .. ": no sustained or deep pressure along the nerve's path (" .. path
      .. "); it can aggravate an irritated nerve root."
    caution("deep_tissue", text)
    caution("trigger_point", text)
    if c.course ~= "chronic" then
      local when = c.course and (c.course .. " ") or ""
      local why = "Firm, sustained pressure is best left until " .. when .. what .. " has settled (the Dutch "
        .. "guideline advises against massage for radicular pain; not tested in trials)"
      points("deep_tissue", -4, why)
      points("trigger_point", -4, why)
    end
  end,
}
