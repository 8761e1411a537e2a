#pragma once
// Design edits on a model value: what the designer does when the user sets a key, adds an
// attribute or edits a secondary index. Each edit takes the model and returns the edited copy
// or an error saying why DynamoDB (or the model) would not accept it; the input is never
// changed, so a caller can keep both for undo.
//
// Limits are checked up front with a plain message (20 GSIs, 5 LSIs, LSI keys, key types),
// then the edited table goes through validateModel(): an edit is refused when it adds a
// problem to its table that the table did not have before, with CreateTable's wording.
//
// attributeDefinitions follow the keys: after every edit they hold exactly the key
// attributes of the table and its indexes (CreateTable refuses any other), keeping the
// types they had. LSIs share the table's partition key, so changing it changes theirs.

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

enum class KeyRole { Partition, Sort };

// An attribute the designer offers for a table's keys and projections.
struct PaletteAttribute {
    std::string name;
    std::string type;  // S N B BOOL ...
    // Where it comes from: "key" (attribute definition), "table", or the entity type names
    // that carry it ("Customer, Order").
    std::string origin;
    bool isKeyType() const { return type == "S" || type == "N" || type == "B"; }
};

// Key attributes first (definition order), then the table's documented attributes, then
// the attributes and key-template attributes of its entity types, each name once.
std::vector<PaletteAttribute> tableAttributePalette(const Model& model, const std::string& table);

// Sets the partition or sort key of a table (`index` empty) or of one of its indexes. An
// empty `attribute` removes the sort key (a partition key cannot be removed). `type` is the
// key's type (S, N or B).
Result<Model> setKeyAttribute(const Model& model, const std::string& table,
                              const std::string& index, KeyRole role, const std::string& attribute,
                              const std::string& type);

// Documents a non-key attribute of the table (for projections and the palette).
Result<Model> addTableAttribute(const Model& model, const std::string& table,
                                const std::string& name, const std::string& type);

// Sets the attribute whose epoch-seconds value expires a table's items (Time to Live); an
// empty `attribute` turns Time to Live off.
Result<Model> setTimeToLiveAttribute(const Model& model, const std::string& table,
                                     const std::string& attribute);

// Adds a table keyed on `partitionKey` (type S) with no sort key.
Result<Model> addTable(const Model& model, const std::string& name,
                       const std::string& partitionKey);

// Adds a GSI or (local = true) an LSI. An LSI takes the table's partition key whatever
// `index.partitionKey` says. `types` gives the type of key attributes not defined yet.
Result<Model> addIndex(const Model& model, const std::string& table, ModelIndex index, bool local,
                       const std::vector<PaletteAttribute>& types = {});
// Replaces the index named `name` (rename, projection, keys).
Result<Model> replaceIndex(const Model& model, const std::string& table, const std::string& name,
                           ModelIndex index);
Result<Model> removeIndex(const Model& model, const std::string& table, const std::string& name);

// Sets the key template an entity type gives `keyAttribute` ("CUSTOMER#{customerId}"); an
// empty text removes it. Refused when the template does not parse or gives the entity a
// problem it did not have (a {variable} that is not its attribute, a non-numeric N key).
Result<Model> setEntityKeyTemplate(const Model& model, const std::string& entity,
                                   const std::string& keyAttribute, const std::string& text);

// A name like "GSI3" or "LSI1" not used by the table yet.
std::string freeIndexName(const ModelTable& table, bool local);

}  // namespace shardscape
