-- Bleeding risk: anticoagulants, antiplatelets and bleeding disorders
-- (clinical brief §2.3, relative contraindications).

rule {
  id = "bleeding.no_deep_pressure",
  title = "Blood thinners or a bleeding disorder: no deep-tissue or forceful work",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local on, name = client:takes("anticoagulant")
    local why
    if on then
      why = "the client takes " .. name .. " (an anticoagulant)"
    elseif client:has_flag("bleeding_disorder") then
      why = "the client has a bleeding disorder"
    end
    if why then
      exclude("deep_tissue", "Deep-tissue pressure risks bruising and bleeding: " .. why .. ".")
      caution("trigger_point", "No forceful or sustained compression: " .. why .. ".")
    end
  end,
}
