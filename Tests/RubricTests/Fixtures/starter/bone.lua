-- Fragile bone: light pressure only (clinical brief §2.3).

rule {
  id = "bone.fragile_light_pressure",
  title = "Osteoporosis or fragile bone: light pressure only",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH", "Werner-2024" },
  apply = function(client)
    if client:has_flag("fragile_bone") or client:has_condition("osteoporosis") then
      limit_pressure("light", "fragile bone (osteoporosis) can fracture under firm pressure")
    end
  end,
}
