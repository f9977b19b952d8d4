-- The example `rubric rules new` puts in a new plugin's apply function, one per kind: each
-- section starts with a line "-- kind: NAME" and ends at the next. Written into the plugin as
-- comments, indented to sit inside apply.
-- kind: referral
if client:has_symptom("saddle_anaesthesia") then
  refer { urgency = "emergency", reason = "Why the client must see a physician.",
          advice = "What the client should do now." }
end
-- kind: contraindication
if client:takes("anticoagulant") then
  exclude("deep_tissue", "Why this technique is unsafe for this client.")
end
-- kind: caution
if client:has_flag("broken_skin") then
  caution("Avoid the affected area; say which area and why.")
end
-- kind: indication
if client:has_condition("low_back_pain") then
  points("swedish", 1, "Why this technique suits this client, and how strong the evidence is.")
end
-- kind: preference
if client:has_goal("relaxation") then
  points("swedish", 1, "How this technique meets the client's goal.")
end
