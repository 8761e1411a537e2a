#pragma once
// A line edit for a key template or placeholder value ("CUSTOMER#{customerId}") that takes
// an attribute dragged from an attribute list: the drop inserts "{attribute}" where it lands.
// Plain text drops and typing work as in any line edit.

#include <QLineEdit>

namespace shardscape {

class TemplateLineEdit : public QLineEdit {
    Q_OBJECT
  public:
    explicit TemplateLineEdit(QWidget* parent = nullptr);
    // Inserts "{attribute}" at the cursor (the keyboard's way to do what a drop does).
    void insertAttribute(const QString& attribute);

  signals:
    void focusedIn();

  protected:
    void focusInEvent(QFocusEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
};

}  // namespace shardscape
