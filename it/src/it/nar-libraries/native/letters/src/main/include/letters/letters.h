#ifndef LETTERS_H
#define LETTERS_H

/* How many letters (a-z, A-Z) the word has. */
int letters_in(const char *word);

#endif
