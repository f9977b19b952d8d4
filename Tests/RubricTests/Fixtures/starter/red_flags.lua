-- Red flags: stop and refer. These run first; a referral means no technique
-- is recommended (clinical brief §2.4).

rule {
  id = "red_flag.cauda_equina",
  title = "Possible cauda equina syndrome: emergency referral",
  kind = "referral",
  grade = "practice",
  evidence = { "BMJ-Best-Practice-Cauda-Equina", "NICE-NG59" },
  apply = function(client)
    local signs = {}
    if client:has_condition("cauda_equina_syndrome") then signs[#signs + 1] = "a recorded cauda equina syndrome" end
    if client:has_symptom("saddle_anaesthesia") then signs[#signs + 1] = "saddle numbness" end
    if client:has_symptom("bladder_dysfunction") then signs[#signs + 1] = "new bladder problems" end
    if client:has_symptom("bowel_dysfunction") then signs[#signs + 1] = "new bowel problems" end
    if client:has_symptom("bilateral_leg_weakness") then signs[#signs + 1] = "weakness in both legs" end
    if #signs > 0 then
      refer {
        urgency = "emergency",
        reason = "Possible cauda equina compression: " .. table.concat(signs, ", ") .. ".",
        advice = "Send the client to an emergency department today; do not massage. "
          .. "If symptoms appear later, they need the same urgent care.",
      }
    end
  end,
}
