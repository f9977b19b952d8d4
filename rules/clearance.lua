-- General contraindications: no massage until a doctor or surgeon clears it
-- (clinical brief §2.3, "General: no massage until resolved or cleared").
--
-- Covers: active deep vein thrombosis, surgery inside the healing window,
-- fever or wound signs after surgery (same day: the surgeon), fever or
-- infection without spinal pain (with spinal pain it is the red flag
-- red_flag.spinal_infection), contagious skin conditions (postpone).
-- High-risk pregnancy is in pregnancy.lua; heart conditions in
-- red_flags_cardiovascular.lua.
-- A clearance keeps the ranking, marked as applying only once cleared.
--
-- Sources: NCCIH; Walton 2011 (active DVT: pressure level 0); web
-- contraindication lists [weak]; surgeons' pages [weak] for the healing
-- window; Ascension [weak] and Verhagen 2016 for fever and infection; NICE
-- NG125 (surgical site infection) for fever or wound signs after surgery.
--
-- The surgical healing window: six weeks is a commonly used threshold
-- (surgeons' pages say about 4-6 weeks), not a fixed rule; clinical.md §4.5
-- asks that it be checked against NCCIH. Every message says to confirm it
-- with the surgeon.

local HEALING_WEEKS = 6
-- Surgical site infections show within about 30 days, or up to about 90 days
-- after implant surgery such as a fusion (the usual surveillance windows):
-- 12 weeks is this project's threshold [inference], and an undated surgery
-- counts as recent (the engine's rule for unknown timing).
local INFECTION_WEEKS = 12

-- The same test as red_flags.lua uses for "spinal pain". Ids are written out
-- (not looped over) so `rubric rules check` can verify each one.
local function spinal_pain(client)
  return client:has_symptom("back_pain") or client:has_symptom("radiating_leg_pain")
    or client:has_symptom("neurogenic_claudication")
    or client:has_condition("low_back_pain") or client:has_condition("acute_back_strain")
    or client:has_condition("back_spasm") or client:has_condition("sciatica")
    or client:has_condition("lumbago_with_sciatica") or client:has_condition("lumbar_radiculopathy")
    or client:has_condition("lumbar_disc_herniation") or client:has_condition("spinal_stenosis")
    or client:has_condition("lumbar_spinal_stenosis") or client:has_condition("cervical_spinal_stenosis")
    or client:has_condition("spinal_osteoarthritis") or client:has_condition("neck_pain")
    or client:has_condition("cervical_radiculopathy") or client:has_condition("cervical_myelopathy")
    or client:has_condition("opll") or client:has_condition("cauda_equina_syndrome")
end

-- "spinal fusion (lumbar spine)" or the procedure's possible regions.
local function describe_surgery(s)
  local name = s.procedure and catalog.procedures[s.procedure].name or s.input
  local where
  if s.region then
    where = catalog.regions[s.region].name:lower()
  elseif s.procedure then
    local names = {}
    for _, r in ipairs(catalog.procedures[s.procedure].regions) do
      names[#names + 1] = catalog.regions[r].name:lower()
    end
    where = table.concat(names, " or ")
  end
  return name:lower(), where
end

rule {
  id = "clearance.active_dvt",
  title = "Active deep vein thrombosis: no massage until a doctor clears it",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH", "Walton-2011", "Web-contraindication-lists" },
  apply = function(client)
    if client:has_flag("active_dvt") or client:has_condition("deep_vein_thrombosis") then
      require_clearance {
        from = "the client's doctor",
        reason = "The client has an active deep vein thrombosis (blood clot): massage could dislodge the clot. "
          .. "No massage until a doctor clears it (Walton: pressure level 0).",
      }
      caution("Even after clearance, never massage the limb with the clot.")
    end
  end,
}

rule {
  id = "clearance.recent_surgery",
  title = "Surgery inside the healing window: surgeon's clearance first",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH", "Surgeon-pages" },
  apply = function(client)
    local cleared_any = false
    for _, s in ipairs(client.surgeries) do
      local name, where = describe_surgery(s)
      if s.weeks_ago and s.weeks_ago <= HEALING_WEEKS then
        cleared_any = true
        require_clearance {
          from = "the client's surgeon",
          reason = string.format("The client had surgery (%s) %g weeks ago%s. Wait until the surgeon confirms the site "
            .. "has healed: %d weeks is a commonly used threshold, not a fixed rule, so confirm it with the surgeon.",
            name, s.weeks_ago, where and (" (" .. where .. ")") or "", HEALING_WEEKS),
        }
        -- the provisional ranking must not offer what the clearance is about: firm, deep work
        -- on a body still healing [practice]
        limit_pressure("medium", string.format("surgery %g weeks ago: no firm or deep pressure until the surgeon "
          .. "has cleared the client", s.weeks_ago))
      elseif not s.weeks_ago then
        caution("The profile lists " .. name .. " but not when it was done. Ask: within about "
          .. HEALING_WEEKS .. " weeks the surgeon's clearance is needed first.")
      end
    end
    if not cleared_any and client:has_flag("recent_surgery") then
      require_clearance {
        from = "the client's surgeon",
        reason = "The client has had recent surgery that is not yet known to be healed. Wait until the surgeon "
          .. "confirms it has healed (about " .. HEALING_WEEKS .. " weeks is commonly used; confirm with the surgeon).",
      }
    end
  end,
}

rule {
  id = "clearance.fever_or_infection",
  title = "Fever or systemic infection: postpone until recovered",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Ascension", "Verhagen-2016" },
  apply = function(client)
    if spinal_pain(client) then return end   -- with spinal pain: red_flag.spinal_infection refers
    local why = {}
    if client:has_symptom("fever") then why[#why + 1] = "a fever" end
    if client:has_symptom("chills") then why[#why + 1] = "chills" end
    if client:has_flag("systemic_infection") then why[#why + 1] = "a current infection" end
    if #why > 0 then
      require_clearance {
        from = "the client's doctor, or postpone until recovered",
        reason = "The client has " .. table.concat(why, " and ") .. ": do not massage until it has fully "
          .. "resolved. If back or neck pain develops with it, the client needs a doctor the same day.",
      }
    end
  end,
}

rule {
  id = "red_flag.postoperative_infection",
  title = "Fever or wound redness or discharge after recent surgery: same day, contact the surgeon",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-NG125", "Surgeon-pages" },
  apply = function(client)
    local signs = {}
    if client:has_symptom("fever") then signs[#signs + 1] = "fever" end
    if client:has_symptom("chills") then signs[#signs + 1] = "chills" end
    if client:has_symptom("wound_problem") then signs[#signs + 1] = "wound redness or discharge" end
    if #signs == 0 then return end
    local s = client:surgery { within_weeks = INFECTION_WEEKS }
    if not s and not client:has_flag("recent_surgery") then return end
    local what = "recent surgery"
    if s then
      local name, where = describe_surgery(s)
      what = name .. (s.weeks_ago and string.format(" %g weeks ago", s.weeks_ago) or " (date not given)")
        .. (where and (" (" .. where .. ")") or "")
    end
    refer {
      urgency = "same_day",
      reason = "Possible surgical site infection: " .. table.concat(signs, " and ") .. " after " .. what .. ".",
      advice = "Do not massage. The client should contact their surgeon or the surgical team today. A high fever, "
        .. "feeling very unwell, or new weakness or numbness means an emergency department.",
    }
  end,
}

rule {
  id = "clearance.contagious_skin",
  title = "Contagious skin condition (impetigo, scabies, fungal infection, shingles): postpone the session",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    if client:has_flag("contagious_skin_condition") then
      require_clearance {
        from = "postpone until the skin has cleared, or a doctor confirms it is no longer contagious",
        reason = "The client has a contagious skin condition (such as impetigo, scabies, a fungal infection or "
          .. "shingles): it can pass to the therapist, the linen and other clients, so postpone the session "
          .. "rather than working around it.",
      }
    end
  end,
}
