#pragma once
// The item editor: a form (one row per attribute: name, type, value; the key attributes
// first, marked and required) and the same item as DynamoDB JSON text, kept in sync when
// the user switches tabs. Every edit is checked at once with core's codec and PutItem's
// validation (core/item_form.h), and the message shows inline in DynamoDB's wording.
//
// Save writes through the backend's PutItem, on the GUI thread (the Data view opens the editor
// on an immediate backend only). A new item is written with
// attribute_not_exists on its partition key, so it never silently replaces an existing item:
// the user is asked first. Editing keeps the item's key (as UpdateItem does).

#include <QDialog>
#include <QMap>
#include <memory>
#include <optional>

#include "classroom/item_form.h"
#include "values/attribute_value.h"

class QTabWidget;
class QTableWidget;
class QPlainTextEdit;
class QLabel;
class QPushButton;
class QDialogButtonBox;

namespace shardscape {
class Backend;
struct TableDefinition;

class ItemEditor : public QDialog {
    Q_OBJECT
  public:
    // `original` is the item being edited, or nothing for a new item. `definition` is the
    // table's (null when `table` does not exist).
    ItemEditor(std::shared_ptr<Backend> backend, std::shared_ptr<const TableDefinition> definition,
               const QString& table, std::optional<Item> original, QWidget* parent = nullptr);

    bool isNewItem() const { return !original_; }
    // The item as the current tab holds it, or the error that makes it no item.
    ItemFormResult currentItem() const;
    // Checks the current item (codec, keys, indexes, size) and shows the verdict inline;
    // true when it can be saved.
    bool validate();
    // Validates and writes the item; true when written (the dialog then closes).
    bool save();

    // Form editing, for the buttons and for tests.
    int addAttribute(const QString& name = {}, const QString& type = "S", const QString& text = {});
    void removeAttribute(int row);
    void setFormRow(int row, const QString& name, const QString& type, const QString& text);

    QTabWidget* tabs() const { return tabs_; }
    QTableWidget* form() const { return form_; }
    QPlainTextEdit* jsonEdit() const { return json_; }
    QLabel* errorLabel() const { return error_; }
    QPushButton* saveButton() const { return saveButton_; }
    QPushButton* addButton() const { return addButton_; }
    QPushButton* removeButton() const { return removeButton_; }

  signals:
    void saved(const shardscape::Item& item);

  private:
    void setRows(const std::vector<ItemFormRow>& rows);
    std::vector<ItemFormRow> rows() const;
    void tabChanged(int index);
    void showError(const QString& message, int row = -1);
    bool isKeyRow(int row) const;

    std::shared_ptr<Backend> backend_;
    std::shared_ptr<const TableDefinition> definition_;
    QString table_;
    std::optional<Item> original_;
    std::vector<std::string> keyNames_;
    QMap<QString, QString> keyTypes_;  // key attribute -> its type name
    QTabWidget* tabs_ = nullptr;
    QTableWidget* form_ = nullptr;
    QPlainTextEdit* json_ = nullptr;
    QLabel* error_ = nullptr;
    QPushButton* saveButton_ = nullptr;
    QPushButton* addButton_ = nullptr;
    QPushButton* removeButton_ = nullptr;
    int shownTab_ = 0;
    bool syncing_ = false;
};

}  // namespace shardscape
