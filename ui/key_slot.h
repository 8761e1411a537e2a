#pragma once
// A "Partition key" or "Sort key" slot of a table or index: shows the key attribute and its
// type, accepts an attribute dragged from the attribute palette, and offers a combo box as
// the keyboard fallback. It only reports what the user chose; the designer applies it.

#include <QFrame>
#include <QString>

class QLabel;
class QComboBox;
class QMimeData;

namespace shardscape {

// The drag payload of an attribute: {"name": ..., "type": ...} as JSON.
inline constexpr const char* kAttributeMimeType = "application/x-shardscape-attribute";
QMimeData* attributeMimeData(const QString& name, const QString& type);
// False when `mime` carries no attribute.
bool readAttributeMimeData(const QMimeData* mime, QString* name, QString* type);

class KeySlot : public QFrame {
    Q_OBJECT
  public:
    // `title` "Partition key" or "Sort key"; an optional slot can be emptied.
    KeySlot(const QString& title, bool optional, QWidget* parent = nullptr);

    // The key shown (empty name: none).
    void setKey(const QString& name, const QString& type);
    QString keyName() const { return name_; }
    // The attributes the fallback combo box offers: (name, type) pairs.
    void setChoices(const QList<QPair<QString, QString>>& choices);
    // A locked slot shows its key but takes no drop or choice (an LSI's partition key).
    void setLocked(bool locked, const QString& why = {});
    QComboBox* comboBox() const { return combo_; }

  signals:
    // The user dropped or chose an attribute; an empty name clears an optional slot.
    void keyChosen(const QString& name, const QString& type);

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void setHighlighted(bool on);
    void refreshCombo();

    bool optional_ = false;
    bool locked_ = false;
    QString name_, type_;
    QList<QPair<QString, QString>> choices_;
    QLabel* value_ = nullptr;
    QLabel* typeBadge_ = nullptr;
    QComboBox* combo_ = nullptr;
};

}  // namespace shardscape
