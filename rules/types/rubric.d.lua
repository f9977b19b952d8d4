---@meta rubric
-- Definitions of everything a Rubric rule plugin can use, for lua-language-server.
-- It mirrors the sandbox exactly: the builtins below, the plugin API and the client
-- view. A test (HostDefinitionsTests) keeps this file and the host in step.
-- Not loaded by the engine (files under types/ and *.d.lua are skipped).

-- ---------------------------------------------------------------------------
-- Sandbox builtins (io, os, package, require, debug, load, loadfile, dofile and
-- coroutine are absent; next is withheld because its order is not deterministic; string.dump,
-- string.pack/unpack and math.random are removed)
-- ---------------------------------------------------------------------------

_VERSION = "Lua 5.4"

---@generic T
---@param v T
---@param message? any
---@return T
function assert(v, message) end

---@param message any
---@param level? integer
function error(message, level) end

---@generic V
---@param t V[]
---@return fun(t: V[], i?: integer): integer, V
---@return V[]
---@return integer
function ipairs(t) end

--- Iterates a table in sorted key order (the sandbox's pairs is deterministic).
---@generic K, V
---@param t table<K, V>
---@return fun(t: table<K, V>, k?: K): K, V
---@return table<K, V>
function pairs(t) end

---@param f function
---@return boolean success
---@return any ...
function pcall(f, ...) end

---@param f function
---@param msgh function
---@return boolean success
---@return any ...
function xpcall(f, msgh, ...) end

---@return boolean
function rawequal(a, b) end

---@return any
function rawget(t, k) end

---@return integer
function rawlen(v) end

---@param index integer|"#"
---@return any
function select(index, ...) end

---@return number?
function tonumber(e, base) end

---@return string
function tostring(v) end

---@return "nil"|"number"|"string"|"boolean"|"table"|"function"|"thread"|"userdata"
function type(v) end

--- Writes to the evaluation's bounded log (shown with file:line in the output), not stdout.
function print(...) end

---@return table|false|nil
function getmetatable(object) end

--- Refuses metatables with __gc or __close.
---@generic T: table
---@param t T
---@param mt? table
---@return T
function setmetatable(t, mt) end

--- Not allowed in rules: every call is an error (memory use differs from run to run).
---@deprecated
function collectgarbage() end

-- ---------------------------------------------------------------------------
-- The plugin API
-- ---------------------------------------------------------------------------

---@alias Rubric.Kind "referral"|"contraindication"|"caution"|"indication"|"preference"
---@alias Rubric.Grade "supported"|"weak"|"insufficient"|"unsupported"|"practice"|"tradition"
---@alias Rubric.Urgency "emergency"|"same_day"|"routine"
---@alias Rubric.Pressure "light"|"medium"|"firm"

---@class Rubric.RuleSpec
---@field id string lowercase letters, digits, "_" and ".", e.g. "stenosis.swedish"
---@field title string
---@field kind Rubric.Kind
---@field grade Rubric.Grade
---@field evidence string|string[] source keys from catalog/sources.yaml
---@field apply fun(client: Rubric.Client)
---@field tags? string[]
---@field when? Rubric.Trigger indication and preference rules: skipped unless the profile has one of these

--- The terms a scoring rule needs to act (catalog ids; a condition must be active).
---@class Rubric.Trigger
---@field conditions? string[]
---@field symptoms? string[]
---@field flags? string[]
---@field goals? string[]

--- Declares a rule (only while the plugin loads).
---@param spec Rubric.RuleSpec
function rule(spec) end

--- Adds points (a whole number, -100..100) to a technique. Indication, preference and caution rules.
---@param technique string a technique id from catalog/techniques.yaml
---@param amount integer
---@param reason string
function points(technique, amount, reason) end

--- Rules a technique out. Contraindication rules only.
---@param technique string
---@param reason string
function exclude(technique, reason) end

--- A caution: caution(text) for the whole session, caution(technique, text) for one technique.
---@param technique_or_text string
---@param text? string
function caution(technique_or_text, text) end

---@class Rubric.Referral
---@field urgency Rubric.Urgency
---@field reason string
---@field advice? string what the client should do

--- Stops the recommendation and refers the client to a physician. Referral rules only.
---@param spec Rubric.Referral
function refer(spec) end

---@class Rubric.Clearance
---@field from string who must clear the client, e.g. "physician"
---@field reason string

--- Treatment waits for clearance. Referral and contraindication rules.
---@param spec Rubric.Clearance
function require_clearance(spec) end

--- Caps the pressure; techniques whose minimum pressure is above the cap are excluded.
--- Contraindication and caution rules.
---@param level Rubric.Pressure
---@param reason string
function limit_pressure(level, reason) end

--- A note shown with the recommendation.
---@param text string
function note(text) end

-- A question a person must answer before treating (referral, contraindication and caution rules):
-- the result becomes "check before treating".
---@param question string
function ask(question) end

-- Loads a helper module from rules/lib/NAME.lua (while the plugin loads, at its top) and returns
-- the table of helpers it returns; read-only, shared by every plugin that uses it.
---@param name string
---@return table
function use(name) end

---@class Rubric.Technique
---@field id string
---@field name string
---@field description string
---@field pressure { min: Rubric.Pressure, max: Rubric.Pressure }

---@class Rubric.Entry
---@field id string
---@field name string
---@field aliases string[]
---@field regions string[]

---@class Rubric.Catalog
---@field techniques table<string, Rubric.Technique>
---@field conditions table<string, { id: string, name: string, icd10: string[], regions: string[], aliases: string[] }>
---@field symptoms table<string, Rubric.Entry>
---@field flags table<string, Rubric.Entry>
---@field goals table<string, Rubric.Entry>
---@field regions table<string, Rubric.Entry>
---@field procedures table<string, Rubric.Entry>
---@field medication_classes table<string, Rubric.Entry>
---@field medications table<string, { id: string, name: string, class: string, brands: string[] }>
---@field sources table<string, { key: string, kind: string, title: string }>

--- The knowledge catalog, read-only.
---@type Rubric.Catalog
catalog = {}

-- ---------------------------------------------------------------------------
-- The client view (read-only; reading an unknown field is an error)
-- ---------------------------------------------------------------------------

---@class Rubric.Condition
---@field id string
---@field input string what the profile said
---@field icd10? string
---@field region? string
---@field side? "left"|"right"|"bilateral"
---@field severity? "mild"|"moderate"|"severe"
---@field course? "acute"|"subacute"|"chronic"
---@field status string
---@field active boolean

---@class Rubric.Surgery
---@field procedure? string procedure id, when it resolved
---@field input string
---@field weeks_ago? number
---@field region? string

---@class Rubric.ConditionFilter
---@field region? string
---@field side? "left"|"right"|"bilateral"
---@field course? "acute"|"subacute"|"chronic"
---@field severity? "mild"|"moderate"|"severe"
---@field status? "any" include inactive, resolved and remitted conditions

---@class Rubric.Client
---@field id string?
---@field age integer?
---@field sex "female"|"male"|"other"|"unknown"|nil
---@field conditions Rubric.Condition[]
---@field symptoms string[]
---@field medications { id?: string, name: string, class?: string, dose?: string }[]
---@field flags string[]
---@field pregnancy { weeks?: integer, high_risk: boolean }?
---@field surgeries Rubric.Surgery[]
---@field preferences { pressure?: Rubric.Pressure, goals: string[], requested?: string, oil_sensitivity: boolean }
local Client = {}

--- Whether the client has an active condition (optionally on a region or side, with a course or severity).
---@param id string
---@param filter? Rubric.ConditionFilter
---@return boolean
function Client:has_condition(id, filter) end

--- The matching active condition, or nil.
---@param id string
---@param filter? Rubric.ConditionFilter
---@return Rubric.Condition?
function Client:condition(id, filter) end

---@param id string a symptom id
---@return boolean
function Client:has_symptom(id) end

---How new a symptom the client has is, when the profile says: nil when it does not (then never
---assert that the symptom is new), and nil when the client does not have it.
---@param id string a symptom id
---@return "new"|"worsening"|"longstanding"|nil
function Client:onset(id) end

---@param id string a flag id
---@return boolean
function Client:has_flag(id) end

--- Whether the client takes a medication of this class, and the first one's name as written.
---@param class string a medication class id
---@return boolean
---@return string? name
function Client:takes(class) end

--- The names of the client's medications in this class.
---@param class string
---@return string[]
function Client:medications_in(class) end

--- Whether the client is pregnant, with the weeks (if known) and whether it is high-risk.
---@return boolean
---@return integer? weeks
---@return boolean? high_risk
function Client:is_pregnant() end

--- The first surgery matching the filter, or nil. within_weeks also matches unknown timing.
---@param filter? { procedure?: string, region?: string, within_weeks?: number }
---@return Rubric.Surgery?
function Client:surgery(filter) end

---@param id string a goal id
---@return boolean
function Client:has_goal(id) end

--- The preferred pressure, within any cap that safety rules (which run first) have set,
--- and the pressure the client asked for.
---@return Rubric.Pressure? effective
---@return Rubric.Pressure? asked
function Client:prefers_pressure() end

--- The requested technique's id, or nil.
---@return string?
function Client:requested() end

---@return boolean
function Client:oil_sensitive() end
