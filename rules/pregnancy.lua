-- Pregnancy (clinical brief §2.3, general and relative contraindications, and
-- "Pregnancy acupoints").
--
-- Covers: high-risk pregnancy (pre-eclampsia, bleeding, placental problems)
-- needs obstetric clearance; telling the prenatal provider; side-lying
-- positioning after about 13 weeks; the traditional acupoint guard for
-- acupressure (LI4, SP6, BL60, BL67, GB21 and the sacral BL points).
--
-- The acupoint guard is TRADITION-BASED: Carr 2015 (15 trials, cohort of
-- 5,885) found no objective harm from needling these points. It is kept, and
-- labelled as tradition, because BL60 and BL67 lie on the bladder meridian
-- that seed S3 recommends for back pain (seed claim 23).
--
-- Sources: Mueller 2021 (prenatal trials excluded complicated pregnancies);
-- NCCIH; Osborne [weak]; Carr 2015; seed 003_c60ed9b40b84202d.txt.

local SIDE_LYING_WEEKS = 13

rule {
  id = "pregnancy.high_risk_clearance",
  title = "High-risk pregnancy: obstetric clearance first",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Mueller-2021", "NCCIH" },
  apply = function(client)
    local _, weeks, high_risk = client:is_pregnant()
    -- the engine folds the flag into the pregnancy block; the flag is read too in case it does not
    if high_risk or client:has_flag("high_risk_pregnancy") then
      require_clearance {
        from = "the client's obstetrician or midwife",
        reason = "High-risk pregnancy (such as pre-eclampsia, bleeding or placental problems)"
          .. (weeks and (" at " .. weeks .. " weeks") or "")
          .. ": most prenatal massage trials excluded these pregnancies, so safety is not established.",
      }
    end
  end,
}

rule {
  id = "pregnancy.acupoint_guard",
  title = "Pregnancy: traditionally avoided acupoints (tradition-based guard)",
  kind = "caution",
  grade = "tradition",
  evidence = { "Carr-2015", "Osborne", "003_c60ed9b40b84202d.txt" },
  apply = function(client)
    if not (client:is_pregnant() or client:has_flag("pregnant")) then return end
    caution("acupressure", "The client is pregnant: do not press LI4, SP6, BL60, BL67, GB21 or the sacral BL "
      .. "points. This guard is tradition-based: a review of 15 trials and a cohort of 5,885 (Carr 2015) found "
      .. "no objective harm from needling them, but they are traditionally avoided. BL60 and BL67 lie on the "
      .. "bladder meridian used for back pain, so skip them there too.")
  end,
}

rule {
  id = "pregnancy.positioning",
  title = "Pregnancy: side-lying after about 13 weeks; tell the prenatal provider",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH", "Osborne" },
  apply = function(client)
    local pregnant, weeks = client:is_pregnant()
    if not (pregnant or client:has_flag("pregnant")) then return end
    if not weeks or weeks >= SIDE_LYING_WEEKS then
      local when = weeks and ("at " .. weeks .. " weeks") or "(weeks not given)"
      caution("Pregnant " .. when .. ": position the client side-lying with pillows after about "
        .. SIDE_LYING_WEEKS .. " weeks, not flat on the back or face down.")
    end
    note("The client is pregnant: ask the client to tell their prenatal provider (midwife or doctor) "
      .. "about the massage.")
  end,
}
