-- Example plugin for rules/README.md. It is NOT a shipped rule: it lives in
-- docs/examples/ so the engine never loads it from rules/. To try it, copy
-- the rules folder, put this file in the copy and run
--   rubric recommend examples/profiles/c-0412.yaml --rules <the copy>
--
-- Rule 1 is a safety rule (kind "caution"): if it cannot run, the whole
-- recommendation fails closed. Rule 2 only adds points (kind "indication").

-- Plugin-level locals: computed once when the plugin loads, read by every run.
-- (Globals would be frozen after loading; locals are the normal way.)
local REDUCED_SENSATION = { "numbness", "tingling" }

-- Names of the reduced-sensation symptoms the client reports, as a list.
local function numb_symptoms(client)
  local found = {}
  for _, id in ipairs(REDUCED_SENSATION) do
    if client:has_symptom(id) then found[#found + 1] = catalog.symptoms[id].name:lower() end
  end
  return found
end

rule {
  id = "example.reduced_sensation",
  title = "Numbness or neuropathy: pressure feedback is unreliable",
  kind = "caution",
  grade = "practice",
  evidence = { "Walton-2011" },
  apply = function(client)
    local why = numb_symptoms(client)
    if client:has_flag("neuropathy") then why[#why + 1] = "peripheral neuropathy" end
    if #why == 0 then return end
    local text = table.concat(why, " and ")
    caution("Reduced sensation (" .. text .. "): the client may not feel when pressure is too much. "
      .. "Ask for feedback often, avoid sustained pressure on numb areas and check the skin afterwards.")
    limit_pressure("medium", "reduced sensation (" .. text .. ") makes the client's pressure feedback unreliable")
  end,
}

rule {
  id = "example.stenosis_mobility_goal",
  title = "Lumbar stenosis with a mobility goal: slow fascial stretch",
  kind = "indication",
  grade = "weak",
  evidence = { "001_2442861526bc30ee.txt", "Wu-2021" },
  apply = function(client)
    local stenosis = client:condition("lumbar_spinal_stenosis")   -- nil unless active
    if not stenosis or not client:has_goal("mobility") then return end
    local course = stenosis.course or "unknown course"
    points("myofascial_release", 1,
      catalog.techniques.myofascial_release.name .. " is a slow, low-load stretch that may help range of motion ("
      .. course .. " lumbar stenosis, mobility goal); the evidence is weak (Wu 2021, very low certainty)")
  end,
}
