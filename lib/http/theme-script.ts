// Applies the theme picked in this browser before the first paint (no flash of the wrong theme). Its
// hash is in the pages' Content-Security-Policy (lib/http/security-headers.ts): change it freely.
export const THEME_SCRIPT = `try{var t=JSON.parse(localStorage.getItem("stint-preferences")||"{}").state?.theme;if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
