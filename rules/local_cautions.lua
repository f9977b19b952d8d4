-- Local contraindications: avoid one area, treat the rest (clinical brief
-- §2.3, "Local: avoid the area"; seed claim 26).
--
-- Covers: broken or infected skin (a contagious skin condition postpones the
-- session: clearance.contagious_skin); lymphoedema or lymph nodes removed; an
-- acutely inflamed joint
-- (seed S3: "the therapist will most likely avoid the joints"); the surgical
-- site during healing; varicose veins; a fracture that is still healing; and
-- the over-exclusion guard for a healed spinal fusion or implant, which is
-- NOT a contraindication (only no direct force over the hardware).
-- None of these excludes a technique: treatment elsewhere stays available.
--
-- Sources: NCCIH; Ascension [weak]; seed 003_c60ed9b40b84202d.txt; surgeons'
-- pages [weak] for the surgical site and healed fusion.

local SURGICAL_SITE_WEEKS = 26    -- about six months: after this a fusion counts as healed

local function region_name(id) return catalog.regions[id].name:lower() end

-- The surgical site in words: the profile's region or the procedure's regions.
local function site(s)
  if s.region then return region_name(s.region) end
  if s.procedure then
    local names = {}
    for _, r in ipairs(catalog.procedures[s.procedure].regions) do names[#names + 1] = region_name(r) end
    return table.concat(names, " or ")
  end
  return "the operated area"
end

local function procedure_name(s)
  return s.procedure and catalog.procedures[s.procedure].name:lower() or s.input
end

rule {
  id = "local.broken_skin",
  title = "Broken or infected skin: avoid the area (contagious skin: clearance.contagious_skin)",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    if client:has_flag("broken_skin") then
      caution("Broken or infected skin (wound, rash, burn or skin infection): do not touch that area or use oil "
        .. "over it, and keep hands and linen clean. Treatment elsewhere is fine if it is not contagious; if it "
        .. "might be (impetigo, scabies, a fungal infection, shingles), postpone the session instead.")
    end
  end,
}

rule {
  id = "local.inflamed_joint",
  title = "Acutely inflamed joint: work around it",
  kind = "caution",
  grade = "practice",   -- safety guidance (seed S3, Ascension), not a trial result
  evidence = { "003_c60ed9b40b84202d.txt", "Ascension" },
  apply = function(client)
    if not client:has_symptom("inflamed_joint") then return end
    local where = {}
    local function add_region(c)
      if c and c.region then where[#where + 1] = region_name(c.region) end
    end
    add_region(client:condition("rheumatoid_arthritis"))
    add_region(client:condition("osteoarthritis"))
    add_region(client:condition("spinal_osteoarthritis"))
    local recorded = #where > 0 and (" (arthritis is recorded at: " .. table.concat(where, ", ") .. ")") or ""
    caution("Do not massage the inflamed joint while it is hot, swollen or red" .. recorded
      .. "; work around it. Treatment elsewhere is fine.")
  end,
}

rule {
  id = "local.surgical_site",
  title = "Recent surgery: avoid the surgical site",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH", "Surgeon-pages" },
  apply = function(client)
    local named = false
    for _, s in ipairs(client.surgeries) do
      if s.weeks_ago and s.weeks_ago <= SURGICAL_SITE_WEEKS then
        named = true
        caution(string.format("Surgical site: %s %g weeks ago (%s). No pressure on the incision or the tissue "
          .. "around it until the surgeon says it has healed; gentle work elsewhere is fine.",
          procedure_name(s), s.weeks_ago, site(s)))
      end
    end
    if not named and client:has_flag("recent_surgery") then
      caution("Surgical site: the client has had recent surgery. No pressure on the incision or the tissue "
        .. "around it until the surgeon says it has healed; gentle work elsewhere is fine.")
    end
  end,
}

rule {
  id = "local.varicose_veins",
  title = "Varicose veins: no direct pressure over them",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH", "Ascension" },
  apply = function(client)
    if client:has_flag("varicose_veins") then
      caution("Varicose veins: no direct or deep pressure over the veins (usually the legs); light strokes "
        .. "around them only.")
    end
  end,
}

rule {
  id = "local.healing_fracture",
  title = "Healing fracture: avoid the fracture site",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH", "Ascension" },
  apply = function(client)
    if client:has_flag("recent_fracture") then
      caution("Healing fracture: do not massage over or near the fracture site until it has healed; "
        .. "treatment elsewhere is fine.")
    end
  end,
}

rule {
  id = "local.healed_fusion_hardware",
  title = "Healed spinal fusion or implant: not a contraindication, no direct force over the hardware",
  kind = "caution",
  grade = "practice",
  evidence = { "Surgeon-pages", "003_c60ed9b40b84202d.txt" },
  apply = function(client)
    local fusion = client:surgery { procedure = "spinal_fusion" }
    local healed_fusion = fusion and fusion.weeks_ago and fusion.weeks_ago > SURGICAL_SITE_WEEKS
    if fusion and fusion.weeks_ago and not healed_fusion then   -- still healing: local.surgical_site applies
      if client:has_flag("healed_spinal_fusion") then
        caution(string.format("The profile says the spinal fusion has healed, but it was done %g weeks ago: "
          .. "the stricter fact is used (treat it as still healing) until the surgeon confirms.", fusion.weeks_ago))
      end
      return
    end
    local what
    if healed_fusion then
      what = string.format("a spinal fusion %g weeks ago (%s)", fusion.weeks_ago, site(fusion))
    elseif client:has_flag("healed_spinal_fusion") then
      what = "a healed spinal fusion"
    elseif client:has_flag("spinal_implant") then
      what = "spinal hardware (an implant)"
    end
    if what then
      note("The client has " .. what .. ". A healed fusion or implant is not a contraindication: massage is fine, "
        .. "but no direct force over the hardware.")
    end
  end,
}

-- A fresh injury: the seed (S2) says massage can help a recently injured back, and the
-- ACP guideline suggests massage for acute low back pain (low-quality evidence). How much
-- pressure the first days tolerate is not tested in trials: starting gently over freshly
-- injured tissue is common practice [inference], so it lowers firm techniques a little and
-- says why, without excluding them.
rule {
  id = "local.acute_injury_gentle_start",
  title = "A recent back strain: start gently over the injured tissue",
  kind = "caution",
  grade = "practice",
  evidence = { "002_70c18c4373de6cbd.txt", "ACP-2017" },
  apply = function(client)
    local strain = client:condition("acute_back_strain")
    local acute = strain or client:condition("low_back_pain", { course = "acute" })
    if not acute then return end
    local what = strain and "a recent back strain" or "acute low back pain"
    local text = "The client has " .. what .. ": start gently over the injured area and increase pressure "
      .. "only as it is tolerated (common practice, not tested in trials)."
    caution("deep_tissue", text)
    caution("trigger_point", text)
    points("deep_tissue", -1, "Firm, sustained pressure is best left until " .. what
      .. " has settled (common practice, not tested in trials)")
    points("trigger_point", -1, "Firm, sustained pressure is best left until " .. what
      .. " has settled (common practice, not tested in trials)")
  end,
}

-- Lymphoedema, or lymph nodes removed (lymphoedema risk): International
-- Society of Lymphology consensus 2020 [practice]. Deep pressure on the
-- affected quadrant (the limb and the trunk beside it) can worsen swelling;
-- manual lymphatic drainage is a specialist treatment.
rule {
  id = "local.lymphedema",
  title = "Lymphoedema or lymph nodes removed: no deep pressure on the affected quadrant",
  kind = "caution",
  grade = "practice",
  evidence = { "ISL-2020" },
  apply = function(client)
    local what
    local c = client:condition("lymphedema")
    if c then
      what = "lymphoedema" .. (c.region and (" (" .. region_name(c.region) .. ")") or "")
    elseif client:has_flag("lymph_nodes_removed") then
      what = "lymph nodes removed (a lymphoedema risk)"
    end
    if not what then return end
    local text = "The client has " .. what .. ": no deep or firm pressure on the affected limb or the trunk "
      .. "beside it; light work elsewhere is fine."
    caution("deep_tissue", text)
    caution("trigger_point", text)
    caution("The client has " .. what .. ": no deep pressure, heat or tight positioning on the affected quadrant. "
      .. "Manual lymphatic drainage only by a therapist trained in it; new swelling, redness or heat in the limb "
      .. "means a doctor (infection or a clot).")
  end,
}
