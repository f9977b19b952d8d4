-- Sciatica: seed S4 names deep tissue, Swedish and trigger point work.
-- No trials support any of them for sciatica (clinical brief §1 rows 29-34, §2.2),
-- and the Dutch guideline advises against massage for radicular pain.

rule {
  id = "sciatica.swedish",
  title = "Swedish massage for sciatica (seed claim, weak evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { "004_e146a2be32526160.txt" },
  apply = function(client)
    if client:has_condition("sciatica") or client:has_condition("lumbago_with_sciatica") then
      points("swedish", 1, "May relax spasming back and leg muscles; not studied in trials for sciatica")
    end
  end,
}

rule {
  id = "sciatica.deep_tissue_claim",
  title = "'Deep tissue is particularly effective for sciatica' is not supported",
  kind = "indication",
  grade = "unsupported",
  evidence = { "004_e146a2be32526160.txt", "KNGF-2021" },
  apply = function(client)
    if client:has_condition("sciatica") or client:has_condition("lumbago_with_sciatica") then
      points("deep_tissue", 0,
        "A popular claim (seed S4) without trial support; the Dutch guideline advises against massage for radicular pain")
    end
  end,
}
