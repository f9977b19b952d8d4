-- Bone, cancer and frailty: pressure caps (clinical brief §2.3, relative
-- contraindications).
--
-- Covers: osteoporosis, osteopenia and other fragile bone (light pressure
-- only); cancer (oncologist approval before deep pressure, never over a
-- tumour); long-term corticosteroids (thin bone and skin); elderly (age 75
-- or more) or frail clients (lighter pressure, positioning, fragile skin).
-- Trauma on top of fragile bone or steroids is a red flag (red_flags.lua).
--
-- Sources: NCCIH; Werner (ABMP 2024) for fragile bone; Verhagen 2016 for
-- steroids as a fracture risk. The elderly/frail row of clinical.md §2.3 is
-- marked [inference]: the age threshold of 75 is this project's choice.

local ELDERLY_AGE = 75

rule {
  id = "bone.fragile_light_pressure",
  title = "Osteoporosis or fragile bone: light pressure only",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH", "Werner-2024" },
  apply = function(client)
    local why
    if client:has_condition("osteoporosis") then
      why = "the client has osteoporosis"
    elseif client:has_condition("osteopenia") then
      why = "the client has osteopenia (low bone density)"
    elseif client:has_flag("fragile_bone") then
      why = "the client has fragile bone (osteoporosis, osteopenia or cancer-weakened bone)"
    end
    if why then
      limit_pressure("light", why .. ", and fragile bone can fracture under firm pressure")
    end
  end,
}

rule {
  id = "cancer.oncologist_before_deep_pressure",
  title = "Cancer: no deep pressure without the oncologist's approval, never over a tumour",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH", "Werner-2024" },
  apply = function(client)
    local active = client:has_condition("cancer")
    if not (active or client:has_flag("cancer_history")) then return end
    local what = active and "the client has cancer" or "the client has a history of cancer"
    limit_pressure("medium", what .. ": no deep pressure until the client's oncologist approves it")
    caution("Never massage over a tumour site or an area the cancer team has said to avoid (" .. what .. ").")
  end,
}

rule {
  id = "bone.long_term_steroids",
  title = "Long-term corticosteroids: thin skin and bone",
  kind = "caution",
  grade = "practice",
  evidence = { "Verhagen-2016", "NCCIH" },
  apply = function(client)
    local on, name = client:takes("corticosteroid")
    local why
    if on then
      why = "the client takes " .. name .. " (a corticosteroid)"
    elseif client:has_flag("steroid_use") then
      why = "the client uses corticosteroids long term"
    end
    if why then
      caution("Long-term steroids thin the skin and can weaken bone (" .. why .. "): avoid friction on thin "
        .. "skin, build pressure gradually, and ask whether bone density has been checked.")
    end
  end,
}

rule {
  id = "frailty.lighter_pressure",
  title = "Elderly (75 or over) or frail: lighter pressure, careful positioning",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local why
    if client.age and client.age >= ELDERLY_AGE then
      why = "the client is " .. client.age .. " years old"
      if client:has_flag("frail") then why = why .. " and frail" end
    elseif client:has_flag("frail") then
      why = "the client is frail"
    end
    if why then
      limit_pressure("medium", why .. ": use lighter pressure, as skin, bone and muscle are more fragile")
      caution("Positioning and skin (" .. why .. "): use pillows for comfort, avoid dragging fragile skin, "
        .. "and help the client on and off the table.")
    end
  end,
}
