-- Arthritis: seed S2's claims that massage relieves spinal osteoarthritis
-- pain and that the therapist should be experienced with arthritis
-- (clinical brief §1 claims 19 and 20). Avoiding an acutely inflamed joint
-- (claim 26) is a local caution in local_cautions.lua.
--
-- Evidence in brief: no trials of massage for spinal osteoarthritis were
-- found (clinical.md §2.2: insufficient), so the claim gets one point with a
-- reason that says so. Swedish is the technique whose pressure can be kept
-- lightest around stiff, painful joints.
--
-- Seed: 002_70c18c4373de6cbd.txt (S2).

local S2 = "002_70c18c4373de6cbd.txt"

rule {
  id = "osteoarthritis.spinal_pain",
  title = "Massage for spinal osteoarthritis pain (claim 19; no trials found)",
  kind = "indication", when = { conditions = { "spinal_osteoarthritis" } },
  grade = "insufficient",   -- clinical.md §2.2: every technique x spinal OA = I
  evidence = { S2 },
  apply = function(client)
    if client:has_condition("spinal_osteoarthritis") then
      points("swedish", 1, "Relaxing, adjustable strokes that a seed article says relieve spinal arthritis pain; "
        .. "no trials of massage for spinal osteoarthritis were found")
    end
  end,
}

rule {
  id = "osteoarthritis.experienced_therapist",
  title = "Choose a therapist experienced with arthritis (claim 20)",
  kind = "indication", when = { conditions = { "spinal_osteoarthritis", "osteoarthritis", "rheumatoid_arthritis" } },
  grade = "practice",
  evidence = { S2 },
  apply = function(client)
    local which
    if client:has_condition("spinal_osteoarthritis") then
      which = "spinal osteoarthritis"
    elseif client:has_condition("osteoarthritis") then
      which = "osteoarthritis"
    elseif client:has_condition("rheumatoid_arthritis") then
      which = "rheumatoid arthritis"
    end
    if which then
      note("The client has " .. which .. ": choose a therapist experienced in treating people with arthritis "
        .. "(seed S2 calls it a specialised skill set).")
    end
  end,
}

-- Rheumatoid arthritis (clinical.md §2.5, EULAR with Werner [practice]): RA
-- can loosen the joint between the top two neck bones (atlanto-axial
-- instability), so no neck manipulation or forceful neck work in anyone with
-- RA; during a flare, work around inflamed joints; immunosuppressants
-- (methotrexate, biologics) raise the infection risk.
rule {
  id = "rheumatoid.neck_and_flare",
  title = "Rheumatoid arthritis or immunosuppressants: no forceful neck work, avoid flaring joints",
  kind = "caution",
  grade = "practice",
  evidence = { "EULAR-RA", "Werner-Pathology" },
  apply = function(client)
    local ra = client:has_condition("rheumatoid_arthritis")
    local flare = client:has_symptom("arthritis_flare")
    local drugs = client:medications_in("immunosuppressant")
    if ra or flare then
      local text = "The client has rheumatoid arthritis" .. (flare and " (in a flare)" or "")
        .. ": no forceful work, manipulation or end-range stretching of the neck, because RA can make the top "
        .. "of the neck unstable."
      caution("deep_tissue", text)
      caution("trigger_point", text)
      caution(text .. " Keep neck work gentle and stop if arm tingling, dizziness or neck pain with movement appear.")
    end
    if flare then
      caution("Arthritis flare: do not massage hot, swollen or red joints; gentle work elsewhere, and a shorter "
        .. "session if the client is tired.")
    end
    if #drugs > 0 then
      caution("The client takes " .. table.concat(drugs, ", ") .. " (an immunosuppressant): infections are more "
        .. "likely and may show fewer signs. Postpone if either of you is unwell, and ask about fever or new pain.")
    end
  end,
}
