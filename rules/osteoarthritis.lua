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
  title = "Massage for spinal osteoarthritis pain (claim 19, weak; no trials found)",
  kind = "indication",
  grade = "weak",
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
  kind = "indication",
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
