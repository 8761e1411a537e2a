#pragma once
// Design edits on the parts of a model that describe how the application uses its tables:
// entity types (their attributes, generators and key templates), access patterns and
// scenarios. Like model_edit.h, each edit takes the model and returns the edited copy or an
// error saying why it was refused; the input is never changed, so a caller can keep both for
// undo.
//
// An edit is refused when it gives the model a problem it did not have (validateModel's
// wording, plus the editor's own checks below), so a model that already had a problem can
// still be edited elsewhere.

#include <string>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

// Names and describes the model (the name is required).
Result<Model> setModelName(const Model& model, const std::string& name,
                           const std::string& description);

// Adds an entity type (`oldName` empty) or replaces the one named `oldName` (a rename
// included: the access patterns that name it follow). Besides validateModel's rules: a name
// is required and unique; attribute names are unique within the type; a key template only
// fills a key attribute of the table or one of its indexes; a number (N) key whose template
// is a single {attribute} needs that attribute to be a number too.
Result<Model> putEntityType(const Model& model, const std::string& oldName, EntityType entity);
// Refused while an access pattern names the entity type.
Result<Model> removeEntityType(const Model& model, const std::string& name);

// Adds an access pattern (`oldName` empty) at the end, or replaces the one named `oldName` in
// place (a rename included: the scenarios that name it follow). Besides validateModel's
// rules: the name is unique, and the key condition and filter must parse with DynamoDB's
// expression rules (an unknown placeholder, a reserved word, a bad operator); a pattern the
// design cannot serve is accepted (its verdict says why).
Result<Model> putAccessPattern(const Model& model, const std::string& oldName,
                               AccessPattern pattern);
// Makes the pattern read `index` of its table (empty: the table itself), as dropping it on
// an index does: a key condition of the builder's shape (key_condition_form.h) moves to the
// index's keys, taking the values the pattern's entity type gives those keys (its key
// templates; for the sort key when the condition was =), else keeping the values it had;
// a sort key condition is dropped when the index has no sort key. The filter stays.
Result<Model> useIndexForAccessPattern(const Model& model, const std::string& pattern,
                                       const std::string& index);
// Refused while a scenario names the pattern.
Result<Model> removeAccessPattern(const Model& model, const std::string& name);
// Moves the pattern `delta` places up (negative) or down, clamped to the list.
Result<Model> moveAccessPattern(const Model& model, const std::string& name, int delta);

// Adds a scenario (`oldName` empty) or replaces the one named `oldName`; the scenario JSON
// must turn into a simulator scenario (model_scenario.h) and its name be unique.
Result<Model> putScenario(const Model& model, const std::string& oldName, OrderedJson scenario);
Result<Model> removeScenario(const Model& model, const std::string& name);
// The position of the scenario named `name` in model.scenarios, or -1.
int findScenario(const Model& model, const std::string& name);

}  // namespace shardscape
